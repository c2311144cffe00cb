using DurableTask.Core.History;
using RecoveryCoach.DurableTask.Client;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Testing.Replay;

namespace RecoveryCoach.Referrals.Tests.Journey;

/// <summary>
/// Histories of real referral journeys, read from the History table of runs on the real engine,
/// replayed through today's <see cref="ReferralOrchestrator"/>. A change to the journey that
/// would break referrals already under way fails here; make such a change under a new
/// orchestrator name (see <see cref="JourneyTasks"/>), and never edit a recording to make this pass.
/// </summary>
public sealed class ReferralJourneyGoldenTests
{
    public static TheoryData<string> Recordings => [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>()];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Journey", "Golden");

    [Theory]
    [MemberData(nameof(Recordings))]
    public void A_recorded_journey_still_replays_step_by_step_as_it_ran(string recording)
    {
        var history = File.ReadAllText(Path.Combine(Folder, recording));

        var differences = HistoryReplay.Differences(history, ReferralOrchestrator.Name, () => new ReferralOrchestrator(), JourneyJson.Converter);

        differences.Should().BeEmpty();
    }

    [Fact]
    public void The_recordings_cover_a_closed_journey_with_every_signal_and_one_still_waiting()
    {
        var all = Directory.GetFiles(Folder, "*.json").Select(f => HistoryJson.Read(File.ReadAllText(f))).ToList();

        all.Should().Contain(h => h.OfType<ExecutionCompletedEvent>().Any()).And.Contain(h => !h.OfType<ExecutionCompletedEvent>().Any());
        var signals = all.SelectMany(h => h.OfType<EventRaisedEvent>()).Select(e => JourneySignal.Read(System.Text.Json.Nodes.JsonNode.Parse(e.Input))?.Kind);
        signals.Should().Contain([JourneySignalKind.TaskCompleted, JourneySignalKind.TaskClaimed, JourneySignalKind.Discharged, JourneySignalKind.ExtensionRequested, JourneySignalKind.EarlyClosureRequested]);
        all.SelectMany(h => h.OfType<TaskScheduledEvent>()).Select(t => t.Name).Distinct().Should().Contain(JourneyTasks.Activities.Select(a => a.Name));
        all.SelectMany(h => h.OfType<TimerFiredEvent>()).Should().NotBeEmpty("a recording has a reminder that fired");
    }
}
