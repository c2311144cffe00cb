using Microsoft.Extensions.Logging;

namespace RecoveryCoach.Functions;

/// <summary>Every log line the Functions app itself writes, with stable event ids; no personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "The sweep for referrals without a journey failed; it runs again at the next tick")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The retention purge failed; it runs again tomorrow")]
    public static partial void RetentionPurgeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "The retention purge deleted {Count} referrals past their date")]
    public static partial void RetentionPurgeRan(this ILogger logger, int count);
}
