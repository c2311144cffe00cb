using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>
/// Starts the journey of every referral stored more than a minute ago whose journey never
/// started, as when storage failed between the two writes, so no accepted referral waits
/// unseen. Safe to run at any time and in any number of hosts: a journey already there is left alone.
/// </summary>
public sealed class MissingJourneySweep(ReferralStore referrals, DurableTaskClient journeys, TimeProvider time, ILogger<MissingJourneySweep> logger)
{
    /// <returns>How many journeys were started.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var id in await referrals.ReceivedBeforeAsync(time.GetUtcNow().AddMinutes(-1), cancellationToken).ConfigureAwait(false))
        {
            if (await journeys.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            // Started outside any request, the journey's trace begins here.
            using var span = ReferralTelemetry.Source.StartActivity("restart journey");
            span?.SetTag(ReferralTelemetry.InstanceIdTag, id);
            if (await journeys.StartJourneyAsync(id).ConfigureAwait(false))
            {
                logger.JourneyRestarted(id);
                started++;
            }
        }

        return started;
    }
}
