using RecoveryCoach.Referrals.Intake;

namespace RecoveryCoach.Web.Workers;

/// <summary>
/// Every few minutes, starts the journey of any referral that was stored but whose journey
/// never started, so no accepted referral waits unseen. A failed sweep is logged and tried
/// again next time.
/// </summary>
internal sealed class JourneySweepWorker(MissingJourneySweep sweep, ILogger<JourneySweepWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
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
