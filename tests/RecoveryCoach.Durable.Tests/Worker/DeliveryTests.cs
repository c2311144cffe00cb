using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Durable.History;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Tests.Worker;

/// <summary>At-least-once delivery, recorded exactly once; poison messages; workers sharing a hub.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task A_message_delivered_twice_appears_in_history_once()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("TwoAnswers", async (context, _) =>
        {
            var first = await context.WaitForExternalEvent<string>("Answer");
            var second = await context.WaitForExternalEvent<string>("Answer");
            return first + second;
        }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("TwoAnswers");
        var queues = hub.Services.GetRequiredService<ControlQueues>();
        var once = new EventRaised("Answer", "\"a\"") { MessageId = "the-same-message" };

        await queues.SendAsync(new InstanceMessage(id, once), CancellationToken.None);
        await queues.SendAsync(new InstanceMessage(id, once), CancellationToken.None);
        await hub.UntilEventsRecordedAsync(id);

        await Task.Delay(1500);
        await hub.Client.RaiseEventAsync(id, "Answer", "b");
        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("ab", "the duplicate must not be taken as the second answer");
        (await hub.Client.GetHistoryAsync(id)).OfType<EventRaised>().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_goes_to_the_poison_queue_and_fails_its_instance_with_the_reason()
    {
        await using var hub = await TestHub.StartAsync(
            r => r.AddOrchestrator<string, string>("Known", (_, input) => Task.FromResult(input)),
            options => options.StorageProvider.MaxDequeueCount = 2);

        // Version 9 is not registered in this worker, so every attempt to step the instance fails.
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Known", "x", new StartOrchestrationOptions(Version: "9"));
        var failed = await hub.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Failed, seconds: 30);

        failed.FailureDetails!.ErrorType.Should().Be("PoisonMessage");
        failed.FailureDetails.ErrorMessage.Should().Contain("poison");
        var poison = hub.Services.GetRequiredService<TaskHubStorage>().PoisonQueue;
        var parked = (await poison.PeekMessagesAsync(10)).Value;
        parked.Should().ContainSingle().Which.MessageText.Should().Contain(id);
    }

    [Fact]
    public async Task Two_workers_share_one_hub_and_every_instance_completes_once_with_no_gap_or_duplicate()
    {
        const int instances = 200;
        var hubName = TestServers.NewTaskHub();
        static void Register(DurableTaskRegistry r) => r
            .AddOrchestrator<int, int>("Sum3", async (context, n) =>
            {
                var a = await context.CallActivityAsync<int>("Inc", n);
                var b = await context.CallActivityAsync<int>("Inc", a);
                return await context.CallActivityAsync<int>("Inc", b);
            })
            .AddActivity<int, int>("Inc", (_, n) => Task.FromResult(n + 1));
        await using var first = await TestHub.StartAsync(Register, hubName: hubName);
        await using var second = await TestHub.StartAsync(Register, hubName: hubName);

        var ids = await Task.WhenAll(Enumerable.Range(0, instances).Select(i =>
            (i % 2 == 0 ? first : second).Client.ScheduleNewOrchestrationInstanceAsync("Sum3", i)));
        var results = await Task.WhenAll(ids.Select(id => first.CompletionAsync(id, seconds: 120)));

        results.Should().OnlyContain(r => r.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        results.Select(r => r.ReadOutputAs<int>()).Should().BeEquivalentTo(Enumerable.Range(3, instances));
        foreach (var id in ids)
        {
            var history = await first.Client.GetHistoryAsync(id);
            history.OfType<ExecutionStarted>().Should().ContainSingle();
            history.OfType<TaskScheduled>().Select(t => t.TaskId).Should().Equal(0, 1, 2);
            history.OfType<TaskCompleted>().Select(t => t.TaskId).Should().Equal(0, 1, 2);
            history.OfType<ExecutionCompleted>().Should().ContainSingle();
        }

        first.Client.StorageRequests.Should().BeGreaterThan(0);
        second.Client.StorageRequests.Should().BeGreaterThan(0);
    }
}
