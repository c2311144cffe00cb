using Microsoft.Extensions.Logging;

namespace RecoveryCoach.Durable;

/// <summary>Every log line the runtime writes, with stable event ids. Lines name instances by id only; payloads are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Worker started on task hub {HubName} with {Partitions} control queues")]
    public static partial void WorkerStarted(this ILogger logger, string hubName, int partitions);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Instance {InstanceId}: step committed, {Events} events, status {Status}")]
    public static partial void StepCommitted(this ILogger logger, string instanceId, int events, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Instance {InstanceId}: another worker committed first; the step will be retried")]
    public static partial void StepConflict(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Instance {InstanceId}: a step failed and will be retried")]
    public static partial void StepFailed(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Instance {InstanceId}: a message was delivered {DequeueCount} times without success and moved to the poison queue")]
    public static partial void MessagePoisoned(this ILogger logger, string instanceId, long dequeueCount);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Instance {InstanceId}: failed: {Reason}")]
    public static partial void InstanceFailed(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Instance {InstanceId}: {Count} messages for a finished execution dropped")]
    public static partial void MessagesDropped(this ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Worker loop {Loop} failed; retrying")]
    public static partial void LoopFailed(this ILogger logger, Exception exception, string loop);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Instance {InstanceId}: {Count} events kept until it starts")]
    public static partial void EventsBuffered(this ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Instance {InstanceId}: a step committed earlier was left unfinished; finishing it")]
    public static partial void StepResumed(this ILogger logger, string instanceId);
}
