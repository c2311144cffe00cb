using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests.Worker;

/// <summary>
/// With extended sessions an instance stays in memory between steps and DTFx resumes it without
/// an ExecutionStarted event in the new messages: the case a hand-run executor gets wrong.
/// </summary>
public sealed class ExtendedSessionTests
{
    [Fact]
    public async Task A_multi_step_orchestration_completes_with_extended_sessions_on()
    {
        await using var host = await DurableTestHost.StartAsync(
            tasks => tasks.AddActivity<SayHelloActivity>().AddOrchestratorFunc<string, string[]>("Steps", async (context, name) =>
            {
                var first = await context.CallActivityAsync<string>(nameof(SayHelloActivity), name);
                context.SetCustomStatus("waiting");
                var answer = await context.WaitForExternalEvent<string>("answer");
                var second = await context.CallActivityAsync<string>(nameof(SayHelloActivity), answer);
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                var third = await context.CallActivityAsync<string>(nameof(SayHelloActivity), "again");
                return [first, answer, second, third];
            }),
            hub =>
            {
                hub.ExtendedSessionsEnabled = true;
                hub.ExtendedSessionIdleTimeoutInSeconds = 5;
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Steps", "Ann");
        await host.CustomStatusAsync(id, "waiting");
        await host.Client.RaiseEventAsync(id, "answer", "Bob");
        var done = await host.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string[]>().Should().Equal("Hello, Ann!", "Bob", "Hello, Bob!", "Hello, again!");
        host.Runs.For(id).Should().Be(3);
    }
}
