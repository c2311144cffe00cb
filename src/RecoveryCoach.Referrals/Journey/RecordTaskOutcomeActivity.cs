using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Journey;

/// <param name="ReferralId">The referral the task belongs to.</param>
/// <param name="TaskId">A task that has been done.</param>
public sealed record DoneTask(string ReferralId, string TaskId);

/// <summary>
/// What the journey goes on from a completed task: choices and counts, never the person's goals,
/// notes or anything else written in the form, which stay on the task and the referral.
/// </summary>
public sealed record TaskResult(
    string TaskId,
    CoachTaskType Type,
    string CompletedBy,
    DateTimeOffset CompletedAt,
    string? Team = null,
    string? ConversationOutcome = null,
    int? PlannedWeeks = null,
    int? CadenceDays = null,
    bool? SessionHeld = null,
    bool? RiskConcern = null,
    bool? Approved = null,
    int? Weeks = null,
    string? ClosureReason = null);

/// <summary>
/// Applies a completed task to its referral, with the timeline lines that say who did what:
/// the team chosen at triage, the contact attempts and the conversation's outcome, the coaching
/// agreement, a check-in, a team lead's answer on more weeks, or the closure's outcomes.
/// Idempotent: each task is applied once, however often this runs, and the answer comes from
/// the task alone, so every run gives the same.
/// </summary>
public sealed class RecordTaskOutcomeActivity(TaskStore tasks, ReferralStore referrals, TimeProvider time) : TaskActivity<DoneTask, TaskResult>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public override async Task<TaskResult> RunAsync(TaskActivityContext context, DoneTask input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (task, _) = await tasks.GetAsync(input.TaskId, team: null, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Task {input.TaskId} does not exist.");
        if (task.Status != CoachTaskStatus.Done || task.Outcome is null || task.CompletedAt is not { } at || task.CompletedBy is not { } by)
        {
            throw new InvalidOperationException($"Task {input.TaskId} has not been done.");
        }

        var done = new TaskResult(task.Id, task.Type, by, at);
        var (result, change, detail) = task.Type switch
        {
            CoachTaskType.Triage => Triage(Read<TriageOutcome>(task), done),
            CoachTaskType.InitialConversation => Conversation(Read<InitialConversationOutcome>(task), done),
            CoachTaskType.Agreement => Agreement(Read<AgreementOutcome>(task), done),
            CoachTaskType.CheckIn => CheckIn(Read<CheckInOutcome>(task), done),
            CoachTaskType.ExtensionApproval => Extension(Read<ExtensionOutcome>(task), done),
            CoachTaskType.Closure => Closure(Read<ClosureOutcome>(task), done),
            _ => throw new InvalidOperationException($"Task {task.Id} is of an unknown type {task.Type}."),
        };

        List<AuditEntry> lines = task.Type == CoachTaskType.InitialConversation ? Attempts(Read<InitialConversationOutcome>(task), at, by) : [];
        lines.Add(new AuditEntry(at, by, "task-done", $"{task.Type.Title()}: {detail}"));
        await referrals.ApplyAsync(input.ReferralId, "outcome-" + task.Id, time.GetUtcNow(), current => (change(current.Referral), lines), CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private static (TaskResult, Func<Referral, Referral>, string) Triage(TriageOutcome outcome, TaskResult done)
    {
        var team = Team.TryFind(outcome.Team, out var found) ? found : throw new InvalidOperationException($"Task {done.TaskId} names no team.");
        return (
            done with { Team = team.Code },
            r => r with
            {
                Status = ReferralStatus.Allocated,
                Allocation = new AllocationDecision(team, Rule: null, $"Chosen by {done.CompletedBy} at triage.", r.Allocation?.RulesetVersion ?? r.Eligibility?.RulesetVersion ?? string.Empty),
            },
            $"the {team.Name} team.");
    }

    private static (TaskResult, Func<Referral, Referral>, string) Conversation(InitialConversationOutcome outcome, TaskResult done)
    {
        var result = done with { ConversationOutcome = outcome.Outcome };
        // The first attempt that reached the person, when the form says when it was; else when the conversation was recorded.
        var reached = outcome.Attempts?.FirstOrDefault(a => a.Reached == true)?.At is { } at && at <= done.CompletedAt ? at : done.CompletedAt;
        return outcome.Outcome switch
        {
            "coaching-is-right" => (result, r => r with { Status = ReferralStatus.Agreeing, Coach = done.CompletedBy, FirstContactAt = reached }, "coaching is right for the person."),
            "not-right-now" => (result, r => r with { Coach = done.CompletedBy, FirstContactAt = reached }, "coaching is not right for now; the person was pointed to other support."),
            _ => (result, r => r, string.Create(CultureInfo.InvariantCulture, $"the person could not be reached after {outcome.Attempts?.Count ?? 0} attempts.")),
        };
    }

    private static List<AuditEntry> Attempts(InitialConversationOutcome outcome, DateTimeOffset completedAt, string by) =>
        [.. (outcome.Attempts ?? []).Select((a, i) => new AuditEntry(
            a.At ?? completedAt,
            by,
            "contact-attempt",
            string.Create(CultureInfo.InvariantCulture, $"Contact attempt {i + 1} by {a.Method}: {(a.Reached == true ? "reached the person" : "did not reach the person")}.")))];

    private static (TaskResult, Func<Referral, Referral>, string) Agreement(AgreementOutcome outcome, TaskResult done)
    {
        var plan = new CoachingPlan(done.CompletedAt, outcome.Goals!, outcome.Baseline!, outcome.PlannedWeeks!.Value, outcome.CadenceDays!.Value, outcome.PeerSupportWorker!.Trim());
        return (
            done with { PlannedWeeks = plan.PlannedWeeks, CadenceDays = plan.CadenceDays },
            r => r with { Status = ReferralStatus.Coaching, Plan = plan },
            string.Create(CultureInfo.InvariantCulture, $"{plan.Goals.Count} goal(s), {plan.PlannedWeeks} weeks, check-ins every {plan.CadenceDays} days, agreed by the person."));
    }

    private static (TaskResult, Func<Referral, Referral>, string) CheckIn(CheckInOutcome outcome, TaskResult done)
    {
        var detail = outcome.SessionHeld == true
            ? string.Create(CultureInfo.InvariantCulture, $"session held, progress rated on {outcome.Progress?.Count ?? 0} goal(s).")
            : "no session held.";
        if (outcome.RiskConcern == true)
        {
            detail += " A risk concern was recorded.";
        }

        return (done with { SessionHeld = outcome.SessionHeld == true, RiskConcern = outcome.RiskConcern == true }, r => r, detail);
    }

    private static (TaskResult, Func<Referral, Referral>, string) Extension(ExtensionOutcome outcome, TaskResult done)
    {
        if (outcome.Approved != true)
        {
            return (done with { Approved = false, Weeks = 0 }, r => r, "more weeks declined.");
        }

        var weeks = outcome.Weeks!.Value;
        return (
            done with { Approved = true, Weeks = weeks },
            r => r.Plan is { } plan ? r with { Plan = plan with { ExtensionWeeks = plan.ExtensionWeeks + weeks } } : r,
            string.Create(CultureInfo.InvariantCulture, $"{weeks} more week(s) approved."));
    }

    private static (TaskResult, Func<Referral, Referral>, string) Closure(ClosureOutcome outcome, TaskResult done)
    {
        var closure = new ClosureRecord(done.CompletedAt, outcome.Reason!, outcome.GoalOutcomes, outcome.ConnectedWith, outcome.Wellbeing);
        return (done with { ClosureReason = closure.Reason }, r => r with { Closure = closure }, $"outcomes recorded; {ClosureReasons.Describe(closure.Reason)}.");
    }

    private static T Read<T>(CoachTask task) =>
        JsonSerializer.Deserialize<T>(task.Outcome!, Web) ?? throw new InvalidOperationException($"Task {task.Id} has an empty outcome.");
}
