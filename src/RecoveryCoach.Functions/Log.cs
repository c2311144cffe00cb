using Microsoft.Extensions.Logging;

namespace RecoveryCoach.Functions;

/// <summary>Every log line the Functions app itself writes, with stable event ids; no personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "The sweep for referrals without a journey failed; it runs again at the next tick")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);
}
