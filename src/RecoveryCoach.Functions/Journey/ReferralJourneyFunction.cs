using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Functions.Journey;

/// <summary>
/// The referral journey as an orchestrator function. The Functions host finds orchestrations by
/// function name, so it is named exactly as the web app starts journeys; the journey itself stays
/// in <see cref="ReferralOrchestrator"/>, the same code the local worker replays.
/// </summary>
public static class ReferralJourneyFunction
{
    [Function(ReferralOrchestrator.Name)]
    public static Task<JourneyOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReferralOrchestrator().RunAsync(context, context.GetInput<string>()!);
}
