using System.Diagnostics;
using OpenTelemetry;

namespace RecoveryCoach.Referrals.Telemetry;

/// <summary>
/// Leaves out an outgoing call that no traced operation made: the engine's polls of its queues
/// and leases, every few seconds, which would each be a trace of its own, thousands a day, about
/// no referral. A call made within a request, an orchestration or an activity is kept. Register
/// it before any exporter: an exporter skips a span that is no longer marked recorded.
/// </summary>
public sealed class BackgroundCallFilter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Kind == ActivityKind.Client && data.ParentSpanId == default && IsOutgoingCall(data.Source.Name))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    private static bool IsOutgoingCall(string source) =>
        source == "System.Net.Http" || source.StartsWith("Azure.", StringComparison.Ordinal);
}
