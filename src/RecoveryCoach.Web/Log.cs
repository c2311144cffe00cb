namespace RecoveryCoach.Web;

/// <summary>Every log line the host writes, with stable event ids; no personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "The sweep for referrals without a journey failed; it runs again at the next interval")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "A request could not be read ({ExceptionType}); answered {Status}")]
    public static partial void RequestBodyUnreadable(this ILogger logger, string exceptionType, int status);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "A referral sent through the {Channel} was refused by its limit; the caller may try again in {Seconds} s")]
    public static partial void SubmissionLimited(this ILogger logger, string channel, int seconds);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "The retention purge failed; it runs again at the next interval")]
    public static partial void RetentionPurgeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "The retention purge deleted {Count} referrals past their date")]
    public static partial void RetentionPurgeRan(this ILogger logger, int count);
}
