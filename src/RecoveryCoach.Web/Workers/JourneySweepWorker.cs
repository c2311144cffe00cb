using RecoveryCoach.Referrals.Intake;

namespace RecoveryCoach.Web.Workers;

/// <summary>
/// Every <see cref="MissingJourneySweep.Interval"/>, and once at start, starts the journey of any referral that was stored but whose journey
/// never started, so no accepted referral waits unseen. A failed sweep is logged and tried
/// again next time.
/// </summary>
internal sealed class JourneySweepWorker(MissingJourneySweep sweep, ILogger<JourneySweepWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MissingJourneySweep.Interval);
        do
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException)
            {
                logger.SweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
