using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Retention;

namespace RecoveryCoach.Web.Workers;

/// <summary>
/// Every <see cref="RetentionOptions.Interval"/> (a day), and once at start, deletes the
/// referrals past their retention date. It runs only where this app runs the journeys itself
/// (<see cref="Hosting.DurableOptions.RunWorker"/>): in production the Functions app's timer
/// does it. A failed run is logged and tried again next time; the purge finishes what a run
/// cut short left.
/// </summary>
internal sealed class RetentionPurgeWorker(RetentionPurge purge, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurgeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                var purged = await purge.RunAsync(time.GetUtcNow(), stoppingToken);
                logger.RetentionPurgeRan(purged);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException)
            {
                logger.RetentionPurgeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
