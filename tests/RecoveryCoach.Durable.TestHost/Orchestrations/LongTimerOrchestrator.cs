namespace RecoveryCoach.Durable.TestHost.Orchestrations;

/// <summary>Waits <c>input</c> days on a durable timer, then completes.</summary>
public sealed class LongTimerOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CreateTimer(TimeSpan.FromDays(input), CancellationToken.None);
        return input;
    }
}
