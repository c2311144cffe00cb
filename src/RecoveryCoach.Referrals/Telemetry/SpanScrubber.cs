using System.Diagnostics;
using OpenTelemetry;

namespace RecoveryCoach.Referrals.Telemetry;

/// <summary>
/// Takes out of every span, whoever made it, what can name a person or quote what they typed:
/// query strings (a worklist asked for by a coach's email address), the client's address and
/// browser, and exception messages and status descriptions (a message can quote a value back).
/// An error keeps its status and its type. An event cannot be changed once added, so a span with
/// an exception event (which no instrumentation here records: their <c>RecordException</c> is off)
/// is not exported at all. Register it before any exporter, so it runs first: an exporter skips
/// a span that is no longer marked recorded.
/// </summary>
public sealed class SpanScrubber : BaseProcessor<Activity>
{
    private static readonly string[] DroppedTags =
    [
        "url.query", "user_agent.original", "client.address", "client.port", "network.peer.address",
        "exception.message", "exception.stacktrace", "enduser.id",
    ];

    private static readonly string[] DroppedEventTags = ["exception.message", "exception.stacktrace"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in DroppedTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }

        if (data.GetTagItem("url.full") is string url && url.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
        {
            data.SetTag("url.full", url[..query]);
        }

        if (data.Status == ActivityStatusCode.Error && data.StatusDescription is not null)
        {
            data.SetStatus(ActivityStatusCode.Error);
        }

        foreach (var spanEvent in data.Events)
        {
            foreach (var tag in spanEvent.Tags)
            {
                if (DroppedEventTags.Contains(tag.Key))
                {
                    data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                    return;
                }
            }
        }
    }
}
