using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests;

/// <summary>An orchestration from start to end on the real engine: activities, timers, custom status, continue-as-new.</summary>
public sealed class OrchestrationLifecycleTests
{
    [Fact]
    public async Task An_orchestration_runs_its_activity_and_completes_with_the_output()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann");
        var done = await host.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadInputAs<string>().Should().Be("Ann");
        done.ReadOutputAs<string>().Should().Be("Hello, Ann!");
        host.Runs.For(id).Should().Be(1);
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_ReturnsNoPayloads()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);
        await host.Client.RaiseEventAsync(id, "first", "steady");
        await host.Client.RaiseEventAsync(id, "second", "calm");
        await host.CompletionAsync(id);

        var bare = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: false);

        bare!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        bare.SerializedInput.Should().BeNull();
        bare.SerializedOutput.Should().BeNull();
        bare.SerializedCustomStatus.Should().BeNull();
    }

    [Fact]
    public async Task Custom_status_set_by_the_orchestrator_is_visible_to_the_client()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));

        var waiting = await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);
        await host.Client.RaiseEventAsync(id, "first", "steady");
        var later = await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForSecond);

        waiting.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
        later.SerializedCustomStatus.Should().Be("\"waiting for second\"", "the status is written once, with the SDK's converter");
    }

    /// <remarks>
    /// Azure Storage hides a timer's message for whole seconds, so a timer may fire up to a second
    /// before its due time: orchestrator time after it can be that much short of the delay.
    /// </remarks>
    [Fact]
    public async Task A_durable_timer_fires()
    {
        await using var host = await DurableTestHost.StartAsync(tasks => tasks.AddOrchestratorFunc<object?, double>("Nap", async (context, _) =>
        {
            var start = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            return (context.CurrentUtcDateTime - start).TotalSeconds;
        }));
        var clock = Stopwatch.StartNew();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Nap");
        var done = await host.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<double>().Should().BeGreaterThanOrEqualTo(1);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Continue_as_new_loops_until_the_counter_is_done()
    {
        await using var host = await DurableTestHost.StartAsync(tasks => tasks.AddOrchestratorFunc<int, int>("Count", (context, n) =>
        {
            if (n < 5)
            {
                context.ContinueAsNew(n + 1);
            }

            return n;
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Count", 0);
        var done = await host.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<int>().Should().Be(5);
        done.ReadInputAs<int>().Should().Be(5, "each execution starts with the input its predecessor passed on");
    }

    [Fact]
    public async Task Inputs_are_written_with_the_converter_the_host_was_given_and_read_back_by_the_worker()
    {
        await using var host = await DurableTestHost.StartAsync(tasks => tasks.AddOrchestratorFunc<Person, string>("Greet", (_, person) => $"{person.GivenName} {person.FamilyName}"));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greet", new Person("Ann", "Lee"));
        var done = await host.CompletionAsync(id);

        done.SerializedInput.Should().Be("""{"givenName":"Ann","familyName":"Lee"}""", "the test host's converter writes camel case, DTFx's would not");
        done.ReadOutputAs<string>().Should().Be("Ann Lee");
    }

    private sealed record Person(string GivenName, string FamilyName);
}
