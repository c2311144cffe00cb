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
        await Eventually.UntilAsync(() => journeys.GetJourneyStatusAsync(id, CancellationToken.None), s => s?.Stage == "initial-conversation", "the journey should wait on its first task", RealEngineSteps);

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
        await journeys.TerminateInstanceAsync(id, "started again below");
        await journeys.WaitForInstanceCompletionAsync(id);
        await journeys.PurgeInstanceAsync(id);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => journeys.StartJourneyAsync(id))));
        await Eventually.UntilAsync(() => journeys.GetJourneyStatusAsync(id, CancellationToken.None), s => s?.Stage == "initial-conversation", "the journey should wait on its first task", RealEngineSteps);

        var history = await journeys.GetOrchestrationHistoryAsync(id);
        history.OfType<ExecutionStartedEvent>().Should().ContainSingle();
        history.OfType<TaskScheduledEvent>().Count(t => t.Name == nameof(CreateTaskActivity)).Should().Be(1, "one execution gave the referral its first task");
    }
}
