using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Functions.Journey;

/// <summary>
/// Every activity in <see cref="JourneyTasks.Activities"/> as an activity function, named by its
/// class as the orchestrator calls it (an activity without a function fails the journey). Each is
/// one call to the activity class, built from DI per call as the local worker builds it, so both
/// hosts run the same activity code.
/// </summary>
public static class JourneyActivityFunctions
{
    [Function(nameof(DecideReferralActivity))]
    public static Task<JourneyDecision> DecideReferral([ActivityTrigger] string referralId, FunctionContext function) =>
        Create<DecideReferralActivity>(function).RunAsync(new FunctionActivityContext(function), referralId);

    [Function(nameof(SendAcknowledgementsActivity))]
    public static Task<int> SendAcknowledgements([ActivityTrigger] string referralId, FunctionContext function) =>
        Create<SendAcknowledgementsActivity>(function).RunAsync(new FunctionActivityContext(function), referralId);

    [Function(nameof(CreateTaskActivity))]
    public static Task<string> CreateTask([ActivityTrigger] NewTask task, FunctionContext function) =>
        Create<CreateTaskActivity>(function).RunAsync(new FunctionActivityContext(function), task);

    [Function(nameof(FollowUpTaskActivity))]
    public static Task<bool> FollowUpTask([ActivityTrigger] FollowUp followUp, FunctionContext function) =>
        Create<FollowUpTaskActivity>(function).RunAsync(new FunctionActivityContext(function), followUp);

    [Function(nameof(RecordTaskOutcomeActivity))]
    public static Task<TaskResult> RecordTaskOutcome([ActivityTrigger] DoneTask task, FunctionContext function) =>
        Create<RecordTaskOutcomeActivity>(function).RunAsync(new FunctionActivityContext(function), task);

    [Function(nameof(RecordDischargeActivity))]
    public static Task<bool> RecordDischarge([ActivityTrigger] Discharge discharge, FunctionContext function) =>
        Create<RecordDischargeActivity>(function).RunAsync(new FunctionActivityContext(function), discharge);

    [Function(nameof(SendJourneyEmailsActivity))]
    public static Task<int> SendJourneyEmails([ActivityTrigger] EmailsToSend emails, FunctionContext function) =>
        Create<SendJourneyEmailsActivity>(function).RunAsync(new FunctionActivityContext(function), emails);

    [Function(nameof(CloseReferralActivity))]
    public static Task<string> CloseReferral([ActivityTrigger] Closing closing, FunctionContext function) =>
        Create<CloseReferralActivity>(function).RunAsync(new FunctionActivityContext(function), closing);

    private static TActivity Create<TActivity>(FunctionContext function) =>
        ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices);
}
