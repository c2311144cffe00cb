using Microsoft.Extensions.Logging;

namespace RecoveryCoach.Durable;

/// <summary>
/// What an orchestrator may use. Every method is replay-safe: on replay it returns what it
/// returned the first time, taken from the instance's history.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract string InstanceId { get; }

    public abstract string Name { get; }

    /// <summary>The orchestrator version this instance started on and keeps running on.</summary>
    public abstract string Version { get; }

    /// <summary>The time of the current step, the same on every replay. Use it instead of the clock.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs over history; side effects such as logging should be skipped.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Runs an activity and returns its result.</summary>
    /// <exception cref="TaskFailedException">The activity failed on every attempt the retry policy allows.</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>A durable timer. It may be of any length; cancelling the token abandons it.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an event raised by a client. An event raised before the wait, even before the
    /// instance started, is kept and delivered here; events with one name are delivered in order.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event or until <paramref name="timeout"/> passes.</summary>
    /// <exception cref="TimeoutException">No event arrived in time.</exception>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = WaitForExternalEvent<T>(eventName, cancel.Token);
        var timer = CreateTimer(CurrentUtcDateTime + timeout, cancel.Token);
        var first = await Task.WhenAny(received, timer);

        // Cancel on this thread: CancelAsync would run the callbacks off the orchestrator's thread.
        cancel.Cancel();
        if (first == timer)
        {
            throw new TimeoutException($"No '{eventName}' event arrived within {timeout}.");
        }

        return await received;
    }

    /// <summary>A small JSON-serialisable value shown with the instance's status (at most 16 KB serialised).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution and starts the instance afresh with <paramref name="newInput"/> and an
    /// empty history. Events not yet consumed are carried over. Use it for loops that would
    /// otherwise grow the history without end.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes only when the code is not replaying, so each line appears once.</summary>
    public abstract ILogger CreateReplaySafeLogger(ILogger logger);
}
