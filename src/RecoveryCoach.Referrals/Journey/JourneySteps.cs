using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// The steps <see cref="ReferralOrchestrator"/> is made of. Every task it gives staff is chased
/// while overdue (reminders to whoever has it, then an escalation to the team lead), and every
/// signal staff send (a claim, a discharge, an early closure, a request for more weeks) is
/// handled wherever the journey stands. Like the orchestrator it is replayed, so it takes time
/// and ids only from the context, and keeps no state but its own fields.
/// </summary>
internal sealed partial class JourneySteps(TaskOrchestrationContext context, string referralId)
{
    /// <summary>Storage may be out of reach for a while: try for about half a day.</summary>
    private static readonly TaskOptions StorageRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(20, TimeSpan.FromSeconds(30), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1)));

    /// <summary>Mail may be down for hours: keep trying for about a day, at most an hour apart.</summary>
    private static readonly TaskOptions MailRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(30, TimeSpan.FromMinutes(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1)));

    private readonly List<TaskWatch> watched = [];
    private Task<JsonNode?>? pendingSignal;
    private JourneyValues values = null!;
    private string? team;
    private string? coach;
    private CoachingSchedule? plan;
    private string? extensionTaskId;
    private bool planChanged;
    private bool closing;
    private int checkInsHeld;
    private bool discharged;
    private JourneyStatus shown = new("deciding");

    /// <summary>Whether a coaching agreement is in place, so a closure has outcomes to record.</summary>
    public bool HasPlan => plan is not null;

    /// <summary>Decides the referral with the rules in force and sends its acknowledgements.</summary>
    public async Task<JourneyDecision> DecideAndAcknowledgeAsync()
    {
        Show(new JourneyStatus("deciding"));
        var decision = await context.CallActivityAsync<JourneyDecision>(nameof(DecideReferralActivity), referralId, StorageRetry);
        Show(new JourneyStatus("acknowledging"));
        await MailAsync(nameof(SendAcknowledgementsActivity), referralId);
        values = decision.Journey!;
        team = decision.Team;
        return decision;
    }

    public JourneyOutcome Ineligible()
    {
        Show(new JourneyStatus("ended"));
        return new JourneyOutcome(ReferralStatus.Ineligible, null, 0, 0, false);
    }

    /// <summary>A team lead picks the team for a referral no rule placed.</summary>
    public async Task TriageAsync()
    {
        var triage = await TaskAsync(CoachTaskType.Triage, "triage", Days(values.TeamLeadDays), announce: false);
        team = triage.Team;
    }

    /// <param name="announce">Tell the team's inbox; a team allocated by the rules was told with the acknowledgements.</param>
    public Task<TaskResult> InitialConversationAsync(bool announce) =>
        TaskAsync(CoachTaskType.InitialConversation, "initial-conversation", Days(values.FirstContactDays), announce);

    public async Task AgreementAsync()
    {
        var agreement = await TaskAsync(CoachTaskType.Agreement, "agreement", Days(values.AgreementDays), announce: false);
        plan = new CoachingSchedule(agreement.CompletedAt.UtcDateTime, agreement.PlannedWeeks!.Value, agreement.CadenceDays!.Value);
    }

    /// <summary>
    /// A check-in task every cadence until the planned weeks end, extensions included. A risk
    /// concern tells the team lead and care coordinator at once; two check-ins in a row without
    /// a session tell the team lead.
    /// </summary>
    public async Task CheckInsAsync()
    {
        var missedInARow = 0;
        var number = 1;
        while (true)
        {
            var dueAt = plan!.AgreedAt.AddDays(number * plan.CadenceDays);
            if (dueAt <= plan.EndsAt)
            {
                var checkIn = await TaskAsync(CoachTaskType.CheckIn, "check-in", dueAt, announce: false);
                number++;
                checkInsHeld += checkIn.SessionHeld == true ? 1 : 0;
                missedInARow = checkIn.SessionHeld == true ? 0 : missedInARow + 1;
                if (checkIn.RiskConcern == true)
                {
                    await EmailAsync(new JourneyEmail(JourneyEmailKind.RiskConcern, checkIn.TaskId));
                }

                if (missedInARow >= 2)
                {
                    await EmailAsync(new JourneyEmail(JourneyEmailKind.MissedCheckIns, checkIn.TaskId));
                }

                continue;
            }

            if (context.CurrentUtcDateTime >= plan.EndsAt)
            {
                return;
            }

            Show(new JourneyStatus("coaching", null, plan.EndsAt, coach));
            await UntilAsync(plan.EndsAt);
        }
    }

    /// <summary>The closure task, then closing with its reason.</summary>
    public async Task<JourneyOutcome> ClosureAsync()
    {
        StopChasing();
        var closure = await TaskAsync(CoachTaskType.Closure, "closure", context.CurrentUtcDateTime, announce: true, remindAfterDays: values.ClosureReminderDays);
        return await CloseAsync(closure.ClosureReason!);
    }

    /// <summary>Closes the referral, cancels what is left open, and tells everyone concerned.</summary>
    public async Task<JourneyOutcome> CloseAsync(string reason)
    {
        StopChasing();
        Show(new JourneyStatus("closing"));
        var closedAs = await context.CallActivityAsync<string>(nameof(CloseReferralActivity), new Closing(referralId, reason), StorageRetry);
        await EmailAsync(new JourneyEmail(JourneyEmailKind.Closed));
        Show(new JourneyStatus("ended"));
        return new JourneyOutcome(ReferralStatus.Closed, closedAs, checkInsHeld, plan?.ExtensionWeeks ?? 0, discharged);
    }

    /// <summary>
    /// From closing on, tasks left open (a check-in, a request for more weeks) are no longer
    /// chased, and closing early or asking for weeks changes nothing; closing cancels them.
    /// </summary>
    private void StopChasing()
    {
        closing = true;
        watched.Clear();
    }

    /// <summary>Gives staff a task and waits until it is done, handling everything else meanwhile.</summary>
    private async Task<TaskResult> TaskAsync(CoachTaskType type, string stage, DateTime dueAt, bool announce, double remindAfterDays = 0)
    {
        var taskId = await CreateTaskAsync(type, dueAt, announce, remindAfterDays);
        Show(new JourneyStatus(stage, taskId, dueAt, type.IsForTeamLeads() ? null : coach));
        while (true)
        {
            if (await NextAsync(until: null) is { } done && done.TaskId == taskId)
            {
                return done;
            }
        }
    }

    private async Task<string> CreateTaskAsync(CoachTaskType type, DateTime dueAt, bool announce, double remindAfterDays, string? detail = null)
    {
        var taskId = context.NewGuid().ToString("N");
        var assignee = type.IsForTeamLeads() ? null : coach;
        var worklist = type == CoachTaskType.Triage ? null : team;
        await context.CallActivityAsync<string>(nameof(CreateTaskActivity), new NewTask(referralId, taskId, type, worklist, assignee, dueAt, detail), StorageRetry);
        watched.Add(new TaskWatch(taskId, type, dueAt.AddDays(remindAfterDays), values));
        if (announce)
        {
            await EmailAsync(new JourneyEmail(JourneyEmailKind.TaskAssigned, taskId));
        }

        return taskId;
    }

    private async Task EmailAsync(params JourneyEmail[] emails) =>
        await MailAsync(nameof(SendJourneyEmailsActivity), new EmailsToSend(referralId, emails));

    private async Task MailAsync(string activity, object input)
    {
        try
        {
            await context.CallActivityAsync<int>(activity, input, MailRetry);
        }
        catch (TaskFailedException)
        {
            // After a day of trying, each email still unsent shows as failed on the referral's
            // timeline; the journey must not stop for mail.
        }
    }

    private void Show(JourneyStatus status)
    {
        shown = status;
        context.SetCustomStatus(status);
    }

    private DateTime Days(double days) => context.CurrentUtcDateTime.AddDays(days);
}
