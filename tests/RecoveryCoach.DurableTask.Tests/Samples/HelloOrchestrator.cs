using Microsoft.DurableTask;

namespace RecoveryCoach.DurableTask.Tests.Samples;

/// <summary>Start → one activity → completion.</summary>
internal sealed class HelloOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(SayHelloActivity), input);
}
