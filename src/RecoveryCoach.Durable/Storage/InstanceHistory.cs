using Azure;
using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Storage;

/// <summary>
/// One instance's history as read from the History table: the current execution's events, the
/// sentinel ETag an append must match, and events that arrived before the instance started.
/// </summary>
internal sealed record InstanceHistory(
    string InstanceId,
    ETag? SentinelETag,
    string? ExecutionId,
    long NextSequence,
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<BufferedEvent> Buffered,
    IReadOnlySet<string> MessageIds)
{
    public bool Exists => SentinelETag is not null;

    public ExecutionStarted? Started => Events.OfType<ExecutionStarted>().FirstOrDefault();

    /// <summary>The execution ended: completed, failed or terminated.</summary>
    public bool IsTerminal => Events.Count > 0 && Events[^1] is ExecutionCompleted or ExecutionFailed or ExecutionTerminated;
}

/// <summary>An event kept for an instance that had not started when it arrived.</summary>
internal sealed record BufferedEvent(string RowKey, HistoryEvent Event);

/// <summary>Another worker appended to the instance's history first; this step must be abandoned and retried.</summary>
internal sealed class HistoryConflictException : Exception
{
    public HistoryConflictException()
    {
    }

    public HistoryConflictException(string message)
        : base(message)
    {
    }

    public HistoryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
