using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Tests.Worker;

public sealed class CoreBehaviourTests
{
    [Fact]
    public async Task A_sequence_of_activities_runs_in_order_and_returns_the_result()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<string, string>("Sequence", async (context, name) =>
            {
                var a = await context.CallActivityAsync<string>("Hello", name + "1");
                var b = await context.CallActivityAsync<string>("Hello", name + "2");
                var c = await context.CallActivityAsync<string>("Hello", name + "3");
                return string.Join(",", a, b, c);
            })
            .AddActivity<string, string>("Hello", (_, who) => Task.FromResult($"hello {who}")));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", "x");
        var done = await hub.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        done.ReadOutputAs<string>().Should().Be("hello x1,hello x2,hello x3");
        var history = await hub.Client.GetHistoryAsync(id);
        history.OfType<TaskScheduled>().Select(t => t.Input).Should().Equal("\"x1\"", "\"x2\"", "\"x3\"");
        history.OfType<TaskCompleted>().Select(t => t.TaskId).Should().Equal(0, 1, 2);
        history[^1].Should().BeOfType<ExecutionCompleted>();
    }

    [Fact]
    public async Task Fan_out_and_fan_in_gathers_every_result()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<int, int>("FanOut", async (context, n) =>
            {
                var squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => context.CallActivityAsync<int>("Square", i)));
                return squares.Sum();
            })
            .AddActivity<int, int>("Square", async (_, i) =>
            {
                await Task.Delay(Random.Shared.Next(5));
                return i * i;
            }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 120);
        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<int>().Should().Be(Enumerable.Range(1, 120).Sum(i => i * i));
        (await hub.Client.GetHistoryAsync(id)).OfType<TaskCompleted>().Should().HaveCount(120);
    }

    [Fact]
    public async Task An_activity_failure_surfaces_as_TaskFailedException_with_its_details()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<string, string>("Catches", async (context, _) =>
            {
                try
                {
                    await context.CallActivityAsync("Boom");
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
                }
            })
            .AddActivity<object?, object?>("Boom", (_, _) => throw new InvalidOperationException("out of paper")));

        var done = await hub.CompletionAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Catches"));

        done.ReadOutputAs<string>().Should().Be("Boom|System.InvalidOperationException|out of paper");
    }

    [Fact]
    public async Task An_unhandled_activity_failure_fails_the_instance_with_the_reason()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<string, string>("Fails", async (context, _) => await context.CallActivityAsync<string>("Boom"))
            .AddActivity<object?, string>("Boom", (_, _) => throw new InvalidOperationException("out of paper")));

        var done = await hub.CompletionAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Fails"));

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.Should().Be(typeof(TaskFailedException).FullName);
        done.FailureDetails.InnerFailure.Should().BeNull();
        done.FailureDetails.ErrorMessage.Should().Contain("out of paper");
    }

    [Fact]
    public async Task A_retry_policy_tries_again_after_durable_waits_until_the_activity_succeeds()
    {
        var attempts = 0;
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<string, int>("Retries", async (context, _) =>
                await context.CallActivityAsync<int>("Flaky", options: TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMinutes(1), backoffCoefficient: 2))))
            .AddActivity<object?, int>("Flaky", (_, _) => ++attempts < 3 ? throw new TimeoutException("try later") : Task.FromResult(attempts)));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Retries");
        await hub.AdvanceWhenWaitingAsync(id, TimeSpan.FromMinutes(1));
        await hub.UntilTimerCreatedAsync(id, count: 2);
        hub.Clock.Advance(TimeSpan.FromMinutes(2));
        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<int>().Should().Be(3);
        var timers = (await hub.Client.GetHistoryAsync(id)).OfType<TimerCreated>().Select(t => t.FireAt - TestHub.Start.UtcDateTime).ToList();
        timers.Should().Equal(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task A_retry_policy_gives_up_after_its_attempts()
    {
        var attempts = 0;
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<string, string>("GivesUp", async (context, _) =>
                await context.CallActivityAsync<string>("Broken", options: TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(30)))))
            .AddActivity<object?, string>("Broken", (_, _) =>
            {
                attempts++;
                throw new InvalidOperationException("still broken");
            }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("GivesUp");
        await hub.AdvanceWhenWaitingAsync(id, TimeSpan.FromSeconds(30));
        var done = await hub.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        attempts.Should().Be(2);
    }
}
