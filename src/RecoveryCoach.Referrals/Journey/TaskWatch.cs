using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// When an open task is next chased: a reminder on its due date (or a set number of days
/// after it) and every reminder interval after that, and one escalation to the team lead a
/// set number of days after the first reminder. Kept by the replayed journey, so it changes
/// only as the journey's own steps change it.
/// </summary>
internal sealed class TaskWatch(string taskId, CoachTaskType type, DateTime firstReminderAt, JourneyValues values)
{
    private readonly DateTime escalateAt = firstReminderAt.AddDays(values.EscalateAfterDays);
    private int reminders;
    private bool escalated;

    public string TaskId => taskId;

    public CoachTaskType Type => type;

    public DateTime NextAt => EscalatesNext ? escalateAt : NextReminderAt;

    private DateTime NextReminderAt => firstReminderAt.AddDays(reminders * values.ReminderIntervalDays);

    private bool EscalatesNext => !escalated && escalateAt <= NextReminderAt;

    public (FollowUpKind Kind, int Number) TakeNext()
    {
        if (EscalatesNext)
        {
            escalated = true;
            return (FollowUpKind.Escalation, 0);
        }

        return (FollowUpKind.Reminder, reminders++);
    }
}
