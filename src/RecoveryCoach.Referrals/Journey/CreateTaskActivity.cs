using System.Globalization;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>A task the journey gives staff. The journey chooses its id, so creating it twice finds the first.</summary>
/// <param name="Team">The team whose worklist shows it; null for triage, which the team leads share.</param>
/// <param name="Assignee">Who has it from the start, such as the referral's coach; null leaves it for the team to claim.</param>
/// <param name="Detail">More for the timeline line, such as who asked for it; no personal details of the person.</param>
public sealed record NewTask(string ReferralId, string TaskId, CoachTaskType Type, string? Team, string? Assignee, DateTimeOffset DueAt, string? Detail = null);

/// <summary>
/// Puts a task on a worklist and its line on the referral's timeline. Idempotent: the task is
/// keyed by its id and the timeline line by the task, so a retry adds neither twice. A request
/// for more weeks, or to close early, is let go once its task is there for all to see.
/// </summary>
public sealed class CreateTaskActivity(TaskStore tasks, ReferralStore referrals, PendingRequestStore pending, TimeProvider time) : TaskActivity<NewTask, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, NewTask input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var record = await referrals.GetAsync(input.ReferralId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} does not exist.");
        var now = time.GetUtcNow();
        var (task, created) = await tasks.CreateAsync(
            new CoachTask(input.TaskId, input.ReferralId, record.Referral.Reference, input.Type, input.Team, input.Assignee, CoachTaskStatus.Open, now, input.DueAt, null, null, null, null),
            CancellationToken.None).ConfigureAwait(false);
        var forWhom = input.Assignee ?? (input.Type.IsForTeamLeads() ? "the team leads" : $"the {(Team.TryFind(input.Team, out var team) ? team.Name : input.Team)} team");
        AuditEntry line = new(now, "journey", "task-created", string.Create(CultureInfo.InvariantCulture, $"Task '{input.Type.Title()}' for {forWhom}, due {input.DueAt:d MMMM yyyy}.{(input.Detail is null ? null : " " + input.Detail)}"));
        await referrals.ApplyAsync(input.ReferralId, "task-" + input.TaskId, now, current => (current.Referral, [line]), CancellationToken.None).ConfigureAwait(false);
        if (input.Type switch { CoachTaskType.ExtensionApproval => JourneyRequestKind.Extension, CoachTaskType.Closure => JourneyRequestKind.EarlyClosure, _ => (JourneyRequestKind?)null } is { } handled)
        {
            await pending.ReleaseAsync(input.ReferralId, handled, CancellationToken.None).ConfigureAwait(false);
        }

        if (created)
        {
            ReferralTelemetry.TaskCreated(task.Type);
        }

        return task.Id;
    }
}
