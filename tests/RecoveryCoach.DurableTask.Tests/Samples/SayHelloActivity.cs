using Microsoft.DurableTask;

namespace RecoveryCoach.DurableTask.Tests.Samples;

/// <summary>Greets by name, and counts its runs; built from the service provider, as the app's activities are.</summary>
internal sealed class SayHelloActivity(ActivityRuns runs) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        runs.Record(context.InstanceId);
        return Task.FromResult($"Hello, {input}!");
    }
}
