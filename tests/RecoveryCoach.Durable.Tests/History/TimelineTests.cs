using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Tests.History;

public sealed class TimelineTests
{
    [Fact]
    public void A_history_reads_as_a_timeline_without_its_payloads()
    {
        var t0 = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        HistoryEvent[] history =
        [
            new OrchestratorStarted { Timestamp = t0 },
            new ExecutionStarted("Journey", "2", "{\"name\":\"Alex Example\"}", "e1") { Timestamp = t0 },
            new TaskScheduled(0, "SendEmail", "\"alex@example.com\"") { Timestamp = t0 },
            new TaskFailed(0, new TaskFailureDetails("System.IO.IOException", "SMTP down")) { Timestamp = t0.AddSeconds(1) },
            new TimerCreated(1, t0.AddDays(7)) { Timestamp = t0.AddSeconds(1) },
            new TimerFired(1, t0.AddDays(7)) { Timestamp = t0.AddDays(7) },
            new EventRaised("CheckIn", "\"private notes\"") { Timestamp = t0.AddDays(7) },
            new ExecutionCompleted("\"done\"") { Timestamp = t0.AddDays(7) },
        ];

        var timeline = Timeline.Of(history);

        timeline.Select(e => e.What).Should().Equal(
            "Started Journey version 2",
            "Activity SendEmail (#0) scheduled",
            "Activity SendEmail (#0) failed: System.IO.IOException",
            "Timer #1 set for 2026-01-12 09:00:00 UTC",
            "Timer #1 fired",
            "Event CheckIn received",
            "Completed");
        timeline[^1].At.Should().Be(t0.AddDays(7));
        string.Join("\n", timeline.Select(e => e.What)).Should().NotContain("Alex").And.NotContain("private notes").And.NotContain("example.com");
    }
}
