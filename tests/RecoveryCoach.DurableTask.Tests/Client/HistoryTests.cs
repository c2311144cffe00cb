using DurableTask.Core.History;
using Microsoft.DurableTask;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests.Client;

public sealed class HistoryTests
{
    [Fact]
    public async Task GetOrchestrationHistoryAsync_ReturnsTypedEngineEvents()
    {
        await using var host = await DurableTestHost.StartAsync(tasks => tasks.AddActivity<SayHelloActivity>().AddOrchestratorFunc<string, string>("Journey", async (context, name) =>
        {
            var greeting = await context.CallActivityAsync<string>(nameof(SayHelloActivity), name);
            await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
            context.SetCustomStatus("waiting");
            return greeting + " " + await context.WaitForExternalEvent<string>("answer");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Journey", "Ann");
        await host.CustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "answer", "steady");
        await host.CompletionAsync(id);

        var history = await host.Client.GetOrchestrationHistoryAsync(id);

        history.Select(e => e.GetType()).Should().ContainInOrder(
            typeof(ExecutionStartedEvent),
            typeof(TaskScheduledEvent),
            typeof(TaskCompletedEvent),
            typeof(TimerCreatedEvent),
            typeof(TimerFiredEvent),
            typeof(EventRaisedEvent),
            typeof(ExecutionCompletedEvent));
        history.OfType<ExecutionStartedEvent>().Single().Name.Should().Be("Journey");
        history.OfType<TaskScheduledEvent>().Single().Name.Should().Be(nameof(SayHelloActivity));
        history.OfType<EventRaisedEvent>().Single().Should().Match<EventRaisedEvent>(e => e.Name == "answer" && e.Input == "\"steady\"");
        history.OfType<ExecutionCompletedEvent>().Single().Result.Should().Be("\"Hello, Ann! steady\"");
        history.OfType<TimerFiredEvent>().Single().TimerId.Should().Be(history.OfType<TimerCreatedEvent>().Single().EventId);
    }
}
