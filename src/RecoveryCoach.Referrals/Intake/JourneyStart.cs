using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>Starts a referral's journey under the referral's id, so a referral can never have two.</summary>
public static class JourneyStart
{
    /// <summary>An instance in any state blocks a second start: a journey that failed is for an administrator, not a retry.</summary>
    private static readonly IReadOnlyList<string> AnyStatus = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <returns>False when the referral already has a journey, as when a twin request started it first.</returns>
    public static async Task<bool> StartJourneyAsync(this DurableTaskClient journeys, string referralId)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        try
        {
            await journeys.ScheduleNewOrchestrationInstanceAsync(
                ReferralOrchestrator.Name,
                referralId,
                new StartOrchestrationOptions(referralId) { DedupeStatuses = AnyStatus },
                CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
