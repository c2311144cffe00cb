using Microsoft.DurableTask;

namespace RecoveryCoach.DurableTask.Tests.Samples;

/// <summary>
/// Waits for the event "first", then "second", saying through its custom status which one it waits
/// for, so a test knows when the orchestrator is waiting.
/// </summary>
internal sealed class SignalsOrchestrator : TaskOrchestrator<object?, string>
{
    public const string WaitingForFirst = "waiting for first";

    public const string WaitingForSecond = "waiting for second";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        context.SetCustomStatus(WaitingForFirst);
        var first = await context.WaitForExternalEvent<string>("first");
        context.SetCustomStatus(WaitingForSecond);
        var second = await context.WaitForExternalEvent<string>("second");
        return $"{first} then {second}";
    }
}
