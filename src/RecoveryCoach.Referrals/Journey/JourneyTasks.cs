using Microsoft.DurableTask;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// The journey's orchestrator and every activity it calls, by the names each host registers
/// them under: the local worker through <see cref="Register"/>, the Azure Functions app as one
/// function each.
/// </summary>
/// <remarks>
/// To change what the journey does once referrals are under way, add the changed orchestrator
/// under a new name (say <c>ReferralJourney3</c>), register both, and start new referrals on the
/// new one. Each instance keeps the name it started under and is replayed by that code, so the
/// old orchestrator stays registered until its last referral has closed.
/// </remarks>
public static class JourneyTasks
{
    /// <summary>Every activity the journey calls, each registered under its class name.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(DecideReferralActivity),
        typeof(SendAcknowledgementsActivity),
        typeof(CreateTaskActivity),
        typeof(FollowUpTaskActivity),
        typeof(RecordTaskOutcomeActivity),
        typeof(RecordDischargeActivity),
        typeof(SendJourneyEmailsActivity),
        typeof(CloseReferralActivity),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<ReferralOrchestrator>(ReferralOrchestrator.Name);
        foreach (var activity in Activities)
        {
            registry.AddActivity(activity.Name, activity);
        }
    }
}
