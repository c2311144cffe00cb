using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace RecoveryCoach.DurableTask.Tests;

/// <summary>
/// How a changed journey reaches running referrals: under a new orchestration name. The old name
/// stays registered, unchanged, until its last instance ends.
/// </summary>
public sealed class VersioningTests
{
    [Fact]
    public async Task A_running_instance_finishes_the_old_way_while_new_instances_of_the_new_name_run_the_new_way()
    {
        var hubName = TestServers.NewTaskHub();
        string old;
        await using (var before = await DurableTestHost.StartAsync(tasks => tasks.AddOrchestrator<GreetingOrchestrator>("Greeting"), hubName: hubName, deleteHubOnDispose: false))
        {
            old = await before.Client.ScheduleNewOrchestrationInstanceAsync("Greeting");
            await before.CustomStatusAsync(old, "waiting");
        }

        await using var after = await DurableTestHost.StartAsync(
            tasks => tasks.AddOrchestrator<GreetingOrchestrator>("Greeting").AddOrchestrator<Greeting2Orchestrator>("Greeting2"),
            hubName: hubName);
        var changed = await after.Client.ScheduleNewOrchestrationInstanceAsync("Greeting2");
        await after.CustomStatusAsync(changed, "waiting");
        await after.Client.RaiseEventAsync(old, "name", "Ann");
        await after.Client.RaiseEventAsync(changed, "name", "Ann");

        (await after.CompletionAsync(old)).ReadOutputAs<string>().Should().Be("Hello, Ann");
        (await after.CompletionAsync(changed)).ReadOutputAs<string>().Should().Be("Good morning, Ann. How are you today?");
    }

    private sealed class GreetingOrchestrator : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            context.SetCustomStatus("waiting");
            return $"Hello, {await context.WaitForExternalEvent<string>("name")}";
        }
    }

    /// <summary>The changed journey: an extra step first, and a different greeting.</summary>
    private sealed class Greeting2Orchestrator : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            context.SetCustomStatus("waiting");
            return $"Good morning, {await context.WaitForExternalEvent<string>("name")}. How are you today?";
        }
    }
}
