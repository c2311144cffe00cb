using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests.Client;

/// <summary>Events raised through the client reach the orchestrator once, and only where there is one to reach.</summary>
public sealed class ExternalEventTests
{
    [Fact]
    public async Task Events_raised_while_the_orchestrator_waits_arrive_with_their_string_payloads_encoded_once()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));

        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);
        await host.Client.RaiseEventAsync(id, "first", "steady");
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForSecond);
        await host.Client.RaiseEventAsync(id, "second", "calm");
        var done = await host.CompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("steady then calm", "a payload serialized twice would arrive as \"\\\"steady\\\"\"");
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_for_it_is_kept_until_it_does()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);

        await host.Client.RaiseEventAsync(id, "second", "calm");
        await Eventually.UntilAsync(
            () => host.Client.GetOrchestrationHistoryAsync(id),
            history => history.OfType<EventRaisedEvent>().Any(e => e.Name == "second"),
            "the orchestrator to receive 'second' while it waits for 'first'");
        await host.Client.RaiseEventAsync(id, "first", "steady");
        var done = await host.CompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("steady then calm");
    }

    [Fact]
    public async Task Raising_an_event_on_an_unknown_or_finished_instance_succeeds_and_changes_nothing()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var finished = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann");
        await host.CompletionAsync(finished);
        var unknown = Guid.NewGuid().ToString("N");

        await host.Client.RaiseEventAsync(unknown, "first", "steady");
        await host.Client.RaiseEventAsync(finished, "first", "steady");
        await host.AfterEarlierMessagesAsync();

        (await host.Client.GetInstanceAsync(unknown)).Should().BeNull();
        var after = await host.Client.GetInstanceAsync(finished, getInputsAndOutputs: true);
        after!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        after.ReadOutputAs<string>().Should().Be("Hello, Ann!");
        (await host.Client.GetOrchestrationHistoryAsync(finished)).OfType<EventRaisedEvent>().Should().BeEmpty();
    }
}
