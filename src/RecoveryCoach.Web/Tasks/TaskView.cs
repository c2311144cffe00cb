using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Web.Tasks;

/// <summary>
/// A task as worklists show it: what, for which referral, whose, and when due. The completed
/// form is not shown: it can hold notes about the person.
/// </summary>
public sealed record TaskView(
    string Id,
    string ReferralId,
    string Reference,
    CoachTaskType Type,
    string Title,
    string? Team,
    string? Assignee,
    CoachTaskStatus Status,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy)
{
    public static TaskView Of(CoachTask task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskView(
            task.Id, task.ReferralId, task.Reference, task.Type, task.Type.Title(), task.Team, task.Assignee, task.Status,
            task.IsOverdue(now), task.CreatedAt, task.DueAt, task.EscalatedAt, task.CompletedAt, task.CompletedBy);
    }
}
