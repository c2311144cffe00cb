namespace RecoveryCoach.Durable;

/// <summary>The untyped face of an activity, used by the runtime.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>
/// One unit of work an orchestration asks for: I/O, email, anything that is not deterministic.
/// </summary>
/// <remarks>
/// Activities run at least once: a worker that crashes after the work but before its result is
/// recorded will have the activity run again. Make every activity idempotent, for example by
/// keying what it writes or sends on <see cref="TaskActivityContext.InstanceId"/> and its input.
/// </remarks>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}

/// <summary>What an activity knows about the call it is serving.</summary>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, CancellationToken CancellationToken);
