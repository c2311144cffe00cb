using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace RecoveryCoach.DurableTask.Tests.Client;

public sealed class FailureTests
{
    [Fact]
    public async Task A_failed_orchestration_reports_its_failure_details_not_an_output()
    {
        await using var host = await DurableTestHost.StartAsync(tasks => tasks
            .AddActivityFunc("Explode", (TaskActivityContext _) => throw new InvalidOperationException("boom"))
            .AddOrchestratorFunc<object?, string>("Fragile", async (context, _) =>
            {
                try
                {
                    await context.CallActivityAsync("Explode");
                }
                catch (TaskFailedException failed) when (failed.FailureDetails.IsCausedBy<InvalidOperationException>())
                {
                    context.SetCustomStatus(failed.FailureDetails.ErrorMessage);
                }

                await context.CallActivityAsync("Explode");
                return "unreachable";
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fragile");
        var done = await host.CompletionAsync(id);
        var bare = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: false);
        var history = await host.Client.GetOrchestrationHistoryAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.ReadCustomStatusAs<string>().Should().Be("boom", "the orchestrator saw the activity's own exception type and message");
        done.SerializedOutput.Should().BeNull("what the provider stores as a failed instance's output is a message, not JSON");
        done.FailureDetails!.ErrorType.Should().Be(typeof(TaskFailedException).FullName);
        done.FailureDetails.ErrorMessage.Should().Contain("boom");
        bare!.FailureDetails.Should().BeEquivalentTo(done.FailureDetails, "failure details are not a payload");
        history.OfType<TaskFailedEvent>().First().FailureDetails!.ErrorType.Should().Be(typeof(InvalidOperationException).FullName);
        history.OfType<ExecutionCompletedEvent>().Single().FailureDetails!.ErrorMessage.Should().Contain("boom");
    }
}
