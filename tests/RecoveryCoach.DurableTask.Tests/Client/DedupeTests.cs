using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RecoveryCoach.DurableTask.Tests.Samples;
using Xunit.Abstractions;

namespace RecoveryCoach.DurableTask.Tests.Client;

/// <summary>One instance id, one journey: what a second start under the same id does.</summary>
public sealed class DedupeTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<string> AnyStatus = Enum.GetNames<OrchestrationRuntimeStatus>();

    [Fact]
    public async Task A_second_start_under_the_id_of_a_running_instance_is_refused()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);

        var again = () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator), new StartOrchestrationOptions(id));

        await again.Should().ThrowAsync<OrchestrationAlreadyExistsException>();
        (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<string>().Should().Be(SignalsOrchestrator.WaitingForFirst);
    }

    [Fact]
    public async Task Dedupe_statuses_that_leave_out_the_live_ones_still_never_replace_a_running_instance()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);

        var again = () => host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(HelloOrchestrator), "Bob", new StartOrchestrationOptions(id) { DedupeStatuses = [nameof(OrchestrationRuntimeStatus.Completed)] });

        await again.Should().ThrowAsync<OrchestrationAlreadyExistsException>();
        await host.Client.RaiseEventAsync(id, "first", "steady");
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForSecond);
        await host.Client.RaiseEventAsync(id, "second", "calm");
        var done = await host.CompletionAsync(id);
        done.Name.Should().Be(nameof(SignalsOrchestrator));
        done.ReadOutputAs<string>().Should().Be("steady then calm");
    }

    [Fact]
    public async Task With_every_status_to_dedupe_against_a_finished_instance_is_not_started_again()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var options = new StartOrchestrationOptions(Guid.NewGuid().ToString("N")) { DedupeStatuses = AnyStatus };
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann", options);
        await host.CompletionAsync(id);

        var again = () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Bob", options);

        await again.Should().ThrowAsync<OrchestrationAlreadyExistsException>();
        (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadOutputAs<string>().Should().Be("Hello, Ann!");
    }

    [Fact]
    public async Task Without_dedupe_statuses_a_finished_instance_may_be_started_again()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var options = new StartOrchestrationOptions(Guid.NewGuid().ToString("N"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann", options);
        await host.CompletionAsync(id);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Bob", options);
        var second = await host.CompletionAsync(id);

        second.ReadOutputAs<string>().Should().Be("Hello, Bob!");
    }

    /// <remarks>
    /// The Azure Storage provider queues the start message before it claims the id, and does not
    /// report a lost claim, so a caller racing another may be told it started the instance. The
    /// engine drops the extra start messages: there is only ever one execution.
    /// </remarks>
    [Fact]
    public async Task Ten_concurrent_starts_of_one_new_id_give_exactly_one_execution()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = Guid.NewGuid().ToString("N");
        var options = new StartOrchestrationOptions(id) { DedupeStatuses = AnyStatus };

        var starts = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), $"Twin {i}", options);
                return true;
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return false;
            }
        }));
        var done = await host.CompletionAsync(id);
        await host.AfterEarlierMessagesAsync();

        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        history.OfType<ExecutionStartedEvent>().Should().ContainSingle();
        host.Runs.For(id).Should().Be(1);
        output.WriteLine($"{starts.Count(started => started)} of 10 callers were told they started the instance.");
        starts.Should().Contain(true);
        done.ReadOutputAs<string>().Should().Be($"Hello, {done.ReadInputAs<string>()}!");
    }
}
