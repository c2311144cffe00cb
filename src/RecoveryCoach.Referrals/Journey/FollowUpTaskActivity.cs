using System.Globalization;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Journey;

public enum FollowUpKind
{
    /// <summary>Remind whoever has the task.</summary>
    Reminder,

    /// <summary>Tell the team lead the task is overdue past escalation.</summary>
    Escalation,
}

/// <param name="Number">Which reminder of the task, counting from 0.</param>
public sealed record FollowUp(string ReferralId, string TaskId, FollowUpKind Kind, int Number);

/// <summary>
/// Chases an overdue task: a reminder to whoever has it, or an escalation to the team lead,
/// each on the referral's timeline and sent once. A task done in the meantime is left alone;
/// the answer tells the journey so, which also catches a completion whose event was lost.
/// </summary>
public sealed class FollowUpTaskActivity(TaskStore tasks, ReferralStore referrals, ReferralNotifier notifier, TimeProvider time) : TaskActivity<FollowUp, bool>
{
    /// <returns>True while the task is still open.</returns>
    public override async Task<bool> RunAsync(TaskActivityContext context, FollowUp input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var now = time.GetUtcNow();
        var task = await OpenTaskAsync(input, now, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return false;
        }

        var overdueDays = (int)Math.Floor((now - task.DueAt).TotalDays);
        var (stepKey, line) = input.Kind == FollowUpKind.Escalation
            ? ($"escalation-{task.Id}", new AuditEntry(now, "journey", "task-escalated", string.Create(CultureInfo.InvariantCulture, $"Task '{task.Type.Title()}' is {overdueDays} day(s) overdue and was escalated to the team lead.")))
            : ($"reminder-{task.Id}-{input.Number}", new AuditEntry(now, "journey", "task-reminder", string.Create(CultureInfo.InvariantCulture, $"Task '{task.Type.Title()}' was due {task.DueAt:d MMMM yyyy}; {task.Assignee ?? "the team"} reminded.")));
        await referrals.ApplyAsync(input.ReferralId, stepKey, now, current => (current.Referral, [line]), cancellationToken).ConfigureAwait(false);

        var email = new JourneyEmail(input.Kind == FollowUpKind.Escalation ? JourneyEmailKind.TaskEscalated : JourneyEmailKind.TaskReminder, task.Id, input.Number);
        var failed = await notifier.SendJourneyEmailsAsync(input.ReferralId, [email], cancellationToken).ConfigureAwait(false);
        return failed.Count == 0
            ? true
            : throw new MailNotSentException($"Referral {input.ReferralId}: {string.Join(", ", failed)} not sent yet.");
    }

    /// <summary>The task if it is still open, marked as escalated when this is the escalation; null once it is done.</summary>
    private async Task<CoachTask?> OpenTaskAsync(FollowUp input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (task, etag) = await tasks.GetAsync(input.TaskId, team: null, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Task {input.TaskId} does not exist.");
            if (task.Status != CoachTaskStatus.Open)
            {
                return null;
            }

            if (input.Kind != FollowUpKind.Escalation || task.EscalatedAt is not null)
            {
                return task;
            }

            try
            {
                var escalated = task with { EscalatedAt = now };
                await tasks.UpdateAsync(escalated, etag, cancellationToken).ConfigureAwait(false);
                ReferralTelemetry.TaskEscalated(task.Type);
                return escalated;
            }
            catch (TaskConflictException) when (attempt < 3)
            {
                // Claimed or done meanwhile: look again.
            }
        }
    }
}
