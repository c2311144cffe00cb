namespace RecoveryCoach.Durable;

/// <summary>The untyped face of an orchestrator, used by the runtime.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// An orchestration: code that reads top to bottom like the process it runs, and survives
/// restarts because the runtime replays it over its recorded history.
/// </summary>
/// <remarks>
/// The code is re-run from the start on every step, so it must be deterministic: take time from
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> and ids from
/// <see cref="TaskOrchestrationContext.NewGuid"/>; no I/O, threads, <c>Task.Run</c>,
/// <c>Task.Delay</c>, <c>ConfigureAwait(false)</c>, randomness or mutable statics. Do the work
/// in activities and wait with durable timers. An instance keeps running on the version it
/// started with, so change behaviour by registering a new version.
/// </remarks>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
