using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>
/// Starts the journey of every referral stored more than <see cref="Age"/> ago whose journey never
/// started, as when storage failed or the host died between the two writes, so no accepted
/// referral waits unseen. Safe to run at any time and in any number of hosts: a journey already
/// there is left alone.
/// </summary>
/// <remarks>
/// The age and the hosts' interval bound how long such a referral waits after a restart: at most
/// <see cref="Age"/> plus <see cref="Interval"/>, inside the service's aim of every accepted
/// referral decided within two minutes of a restart. The age only spares the sweep referrals
/// whose intake is still starting their journey; a start that races one is harmless.
/// </remarks>
public sealed class MissingJourneySweep(ReferralStore referrals, DurableTaskClient journeys, TimeProvider time, ILogger<MissingJourneySweep> logger)
{
    /// <summary>How long a referral has been stored before the sweep looks for its journey.</summary>
    public static readonly TimeSpan Age = TimeSpan.FromSeconds(30);

    /// <summary>How often the hosts run the sweep (the Functions app's timer says the same in its schedule).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <returns>How many journeys were started.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var id in await referrals.ReceivedBeforeAsync(time.GetUtcNow() - Age, cancellationToken).ConfigureAwait(false))
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
