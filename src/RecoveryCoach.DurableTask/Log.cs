using Microsoft.Extensions.Logging;

namespace RecoveryCoach.DurableTask;

/// <summary>The adapter's log lines, with stable event ids; they name workers and instances by id only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Durable Task worker started on task hub {TaskHub}")]
    public static partial void WorkerStarted(this ILogger logger, string taskHub);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The Durable Task worker could not start; trying again in {Wait}")]
    public static partial void WorkerStartFailed(this ILogger logger, Exception exception, TimeSpan wait);
}
