using System.Text.Json;
using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Tests.Golden;

/// <summary>
/// Recorded histories, committed beside the code, replayed through today's code. This is the
/// guard against a change that would break instances already running. A recording is an
/// instance's <see cref="DurableTaskClient.GetHistoryAsync"/> saved as a <see cref="GoldenHistory"/>
/// with what replaying it gave at the time; add one when an orchestrator gains a new path, and
/// never edit one to make a test pass.
/// </summary>
public sealed class GoldenHistoryTests
{
    public static TheoryData<string> Recordings => [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>()];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden");

    [Theory]
    [MemberData(nameof(Recordings))]
    public void A_recorded_history_still_replays_to_the_same_outcome(string recording)
    {
        var golden = JsonSerializer.Deserialize<GoldenHistory>(File.ReadAllText(Path.Combine(Folder, recording)), DataConverter.Options)!;

        var result = OrchestrationReplayer.Replay(new CheckInJourney(), golden.InstanceId, golden.History);

        result.Status.Should().Be(golden.Status);
        result.Output.Should().Be(golden.Output);
        result.PendingActions.Should().Equal(golden.PendingActions);
    }

    [Fact]
    public void Recordings_exist_for_a_finished_and_a_waiting_instance()
    {
        var statuses = Directory.GetFiles(Folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<GoldenHistory>(File.ReadAllText(f), DataConverter.Options)!.Status);

        statuses.Should().Contain(OrchestrationRuntimeStatus.Completed).And.Contain(OrchestrationRuntimeStatus.Running);
    }
}

/// <summary>A recorded history and what it led to when recorded.</summary>
public sealed record GoldenHistory(string InstanceId, OrchestrationRuntimeStatus Status, string? Output, IReadOnlyList<string> PendingActions, IReadOnlyList<HistoryEvent> History);
