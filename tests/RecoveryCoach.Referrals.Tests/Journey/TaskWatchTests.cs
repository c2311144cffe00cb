using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Tests.Journey;

public sealed class TaskWatchTests
{
    private static readonly DateTime DueAt = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void FractionalDurations_TimeRemindersAndTheEscalationInHoursAndSeconds()
    {
        // Reminders every half a day, escalation a day and a quarter after the first.
        var watch = new TaskWatch("t1", CoachTaskType.Agreement, DueAt, Values(reminderIntervalDays: 0.5, escalateAfterDays: 1.25));

        var followUps = Enumerable.Range(0, 5).Select(_ => (watch.NextAt, watch.TakeNext().Kind)).ToList();

        followUps.Should().Equal(
            (DueAt, FollowUpKind.Reminder),
            (DueAt.AddHours(12), FollowUpKind.Reminder),
            (DueAt.AddHours(24), FollowUpKind.Reminder),
            (DueAt.AddHours(30), FollowUpKind.Escalation),
            (DueAt.AddHours(36), FollowUpKind.Reminder));
    }

    [Fact]
    public void DurationOfAFewSeconds_RemindsThatOften()
    {
        // 0.00003 days is 2.592 seconds: what an end-to-end test on the wall clock uses.
        var watch = new TaskWatch("t1", CoachTaskType.Triage, DueAt, Values(reminderIntervalDays: 0.00003, escalateAfterDays: 0.0001));

        watch.TakeNext();

        watch.NextAt.Should().Be(DueAt.AddMilliseconds(2592));
    }

    [Fact]
    public void WholeDays_AreTimedAsBefore()
    {
        var watch = new TaskWatch("t1", CoachTaskType.InitialConversation, DueAt, Values(reminderIntervalDays: 2, escalateAfterDays: 2));

        var followUps = Enumerable.Range(0, 3).Select(_ => (watch.NextAt, watch.TakeNext().Kind)).ToList();

        followUps.Should().Equal(
            (DueAt, FollowUpKind.Reminder),
            (DueAt.AddDays(2), FollowUpKind.Escalation),
            (DueAt.AddDays(2), FollowUpKind.Reminder));
    }

    private static JourneyValues Values(double reminderIntervalDays, double escalateAfterDays) =>
        new(2, 7, 7, reminderIntervalDays, escalateAfterDays, 3, 7, 6, 6, 8, 4, 3, "v1");
}
