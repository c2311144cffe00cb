using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Telemetry;

/// <summary>
/// Counts referrals by status from the referral table, every <see cref="Period"/>, for the
/// <see cref="ReferralTelemetry.Journeys"/> gauge. Counting what is stored, rather than adding
/// and taking away as activities run, is right however often an activity is retried and
/// whichever process ran it. One host counts (the web app, which is always up); the count reads
/// the status column of every referral row.
/// </summary>
public sealed class JourneyCensus(ReferralStore referrals, TimeProvider time, ILogger<JourneyCensus> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>Counts now; the gauge reports this count until the next.</summary>
    public async Task CountAsync(CancellationToken cancellationToken)
    {
        var summaries = await referrals.SummariesAsync(team: null, cancellationToken).ConfigureAwait(false);
        ReferralTelemetry.JourneysCounted(summaries.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await CountAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A count that fails must never stop the host; the gauge keeps its last count.
                logger.JourneyCensusFailed(ex.GetType().FullName!);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
