using Microsoft.DurableTask;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// The journey of one referral, from receipt to closure, one instance per referral under the
/// referral's id. It carries only that id: the person's details stay in the referral's own
/// table, out of the history. Every task it gives staff has a due date, reminders and an
/// escalation, and staff can discharge, close early or ask for more weeks wherever it stands
/// (<see cref="JourneySteps"/>).
/// </summary>
/// <remarks>
/// A running journey is replayed over its history at every step, so this code must keep
/// doing what it did when each referral under way started. Change what the journey does
/// under a new orchestrator name (see <see cref="JourneyTasks"/>), never by editing this one.
/// </remarks>
public sealed class ReferralOrchestrator : TaskOrchestrator<string, JourneyOutcome>
{
    /// <summary>The orchestration's name, as the Azure Functions app and the local worker register it.</summary>
    public const string Name = "ReferralJourney";

    public override async Task<JourneyOutcome> RunAsync(TaskOrchestrationContext context, string referralId)
    {
        var journey = new JourneySteps(context, referralId);
        var decision = await journey.DecideAndAcknowledgeAsync();
        if (decision.Status == ReferralStatus.Ineligible)
        {
            return journey.Ineligible();
        }

        try
        {
            var triaged = decision.Status == ReferralStatus.AwaitingTriage;
            if (triaged)
            {
                await journey.TriageAsync();
            }

            var conversation = await journey.InitialConversationAsync(announce: triaged);
            switch (conversation.ConversationOutcome)
            {
                case "not-right-now":
                    return await journey.CloseAsync(ClosureReasons.NotRightNow);
                case "not-reached":
                    return await journey.CloseAsync(ClosureReasons.NotEngaged);
            }

            await journey.AgreementAsync();
            await journey.CheckInsAsync();
        }
        catch (EarlyClosureRequestedException) when (!journey.HasPlan)
        {
            return await journey.CloseAsync(ClosureReasons.Withdrawn);
        }
        catch (EarlyClosureRequestedException)
        {
            // Straight to the closure task, with the outcomes so far.
        }

        return await journey.ClosureAsync();
    }
}
