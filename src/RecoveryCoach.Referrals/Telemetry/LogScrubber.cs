using OpenTelemetry;
using OpenTelemetry.Logs;

namespace RecoveryCoach.Referrals.Telemetry;

/// <summary>
/// Keeps only the type of an exception logged with a line: its message and stack trace (which
/// repeats the message) can quote a value back, such as a server's answer about an address.
/// The service's own lines hold ids and counts only (<c>Log.cs</c>). Register it before any
/// exporter, so it runs first.
/// </summary>
public sealed class LogScrubber : BaseProcessor<LogRecord>
{
    public const string ExceptionTypeAttribute = "exception.type";

    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Exception is not { } exception)
        {
            return;
        }

        data.Attributes = [.. data.Attributes ?? [], new(ExceptionTypeAttribute, exception.GetType().FullName)];
        data.Exception = null;
    }
}
