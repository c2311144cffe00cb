using System.Text.Json;
using RecoveryCoach.Durable;
using RecoveryCoach.Durable.History;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Referrals.Tests.Journey;

/// <summary>
/// Histories of real referral journeys, recorded through the host against Azurite, replayed
/// through today's <see cref="ReferralOrchestrator"/>. A change to the journey that would break
/// referrals already under way fails here; make such a change as a new orchestrator version,
/// and never edit a recording to make this pass.
/// </summary>
public sealed class ReferralJourneyGoldenTests
{
    public static TheoryData<string> Recordings => [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>()];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Journey", "Golden");

    [Theory]
    [MemberData(nameof(Recordings))]
    public void A_recorded_journey_still_replays_to_where_it_was(string recording)
    {
        var golden = Read(recording);

        var result = OrchestrationReplayer.Replay(new ReferralOrchestrator(), golden.InstanceId, golden.History);

        result.Status.Should().Be(golden.Status);
        result.Output.Should().Be(golden.Output);
        result.PendingActions.Should().Equal(golden.PendingActions);
    }

    [Fact]
    public void The_recordings_cover_a_closed_journey_with_every_signal_and_one_still_waiting()
    {
        var all = Directory.GetFiles(Folder, "*.json").Select(f => Read(Path.GetFileName(f))).ToList();

        all.Select(g => g.Status).Should().Contain(OrchestrationRuntimeStatus.Completed).And.Contain(OrchestrationRuntimeStatus.Running);
        var signals = all.SelectMany(g => g.History).OfType<EventRaised>().Select(e => JsonSerializer.Deserialize<JourneySignal>(e.Input!, DataConverter.Options)!.Kind);
        signals.Should().Contain([JourneySignalKind.TaskCompleted, JourneySignalKind.TaskClaimed, JourneySignalKind.Discharged, JourneySignalKind.ExtensionRequested, JourneySignalKind.EarlyClosureRequested]);
        all.SelectMany(g => g.History).OfType<TaskScheduled>().Select(t => t.Name).Distinct().Should().Contain(
            [nameof(CreateTaskActivity), nameof(FollowUpTaskActivity), nameof(RecordTaskOutcomeActivity), nameof(RecordDischargeActivity), nameof(SendJourneyEmailsActivity), nameof(CloseReferralActivity)]);
    }

    private static GoldenJourney Read(string recording) =>
        JsonSerializer.Deserialize<GoldenJourney>(File.ReadAllText(Path.Combine(Folder, recording)), DataConverter.Options)!;

    /// <summary>A recorded history and what replaying it gave when it was recorded.</summary>
    private sealed record GoldenJourney(string InstanceId, OrchestrationRuntimeStatus Status, string? Output, IReadOnlyList<string> PendingActions, IReadOnlyList<HistoryEvent> History);
}
