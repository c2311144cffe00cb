using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>A referral has one journey, however often or however many times at once its start is tried, on the real engine.</summary>
public sealed class JourneyStartTests
{
    /// <summary>
    /// A few steps of the real engine, polling every second; with every test class sharing two CPUs
    /// the three steps to the first task took over 30 s once, so allow what the other real-engine waits do.
    /// </summary>
    private static readonly TimeSpan RealEngineSteps = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Starting_a_referral_journey_again_while_it_runs_or_after_it_ended_starts_nothing()
    {
        await using var factory = new ReferralServiceFactory { RealEngine = true };
        var journeys = factory.Services.GetRequiredService<DurableTaskClient>();
        var id = (await factory.CreateClient().SubmitAcceptedAsync(SampleReferrals.Valid()))["id"]!.GetValue<string>();
        await WaitForFirstTaskAsync(journeys, id);

        var whileRunning = await journeys.StartJourneyAsync(id);
        await journeys.TerminateInstanceAsync(id, "test over");
        await journeys.WaitForInstanceCompletionAsync(id);
        var afterEnd = await journeys.StartJourneyAsync(id);

        whileRunning.Should().BeFalse();
        afterEnd.Should().BeFalse("a journey that ended is for an administrator, never restarted by a retry");
        var history = await journeys.GetOrchestrationHistoryAsync(id);
        history.OfType<ExecutionStartedEvent>().Should().ContainSingle();
        history.OfType<TaskScheduledEvent>().Count(t => t.Name == nameof(DecideReferralActivity)).Should().Be(1);
    }

    [Fact]
    public async Task Ten_starts_of_one_referral_journey_at_once_give_it_one_execution()
    {
        await using var factory = new ReferralServiceFactory { RealEngine = true };
        var journeys = factory.Services.GetRequiredService<DurableTaskClient>();
        var id = (await factory.CreateClient().SubmitAcceptedAsync(SampleReferrals.Valid()))["id"]!.GetValue<string>();

        // A terminate that reaches the engine before the start message has run marks the instance
        // terminated and leaves that start message queued; after the purge it would come back
        // against the new instance's record and stall it. So the first journey runs before it ends.
        await WaitForFirstTaskAsync(journeys, id);
        await journeys.TerminateInstanceAsync(id, "started again below");
        await journeys.WaitForInstanceCompletionAsync(id);
        await journeys.PurgeInstanceAsync(id);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => journeys.StartJourneyAsync(id))));
        await WaitForFirstTaskAsync(journeys, id);

        var history = await journeys.GetOrchestrationHistoryAsync(id);
        history.OfType<ExecutionStartedEvent>().Should().ContainSingle();
        history.OfType<TaskScheduledEvent>().Count(t => t.Name == nameof(CreateTaskActivity)).Should().Be(1, "one execution gave the referral its first task");
    }

    /// <summary>Waits for the journey to show its first task; a failure says what the engine held for the instance.</summary>
    private static Task<OrchestrationMetadata?> WaitForFirstTaskAsync(DurableTaskClient journeys, string id) =>
        Eventually.UntilAsync(
            () => journeys.GetInstanceAsync(id, getInputsAndOutputs: true),
            journey => journey?.SerializedCustomStatus is not null && journey.ReadCustomStatusAs<JourneyStatus>()?.Stage == "initial-conversation",
            "the journey should wait on its first task",
            RealEngineSteps,
            journey => journey is null ? "no instance" : $"{journey.RuntimeStatus}, created {journey.CreatedAt:O}, updated {journey.LastUpdatedAt:O}, status {journey.SerializedCustomStatus ?? "none"}");
}
