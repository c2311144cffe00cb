using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Telemetry;

/// <summary>
/// The service's own spans and counters, which both hosts export. Every tag is one of a few
/// values (a channel, an outcome, a kind): never a name, contact detail, clinical text, address or
/// referral id, so the counters stay small and nobody can be picked out of them. Spans may carry a
/// journey's instance id, which is the referral id and names nobody by itself.
/// </summary>
public static class ReferralTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> of the service's own spans, such as each email sent.</summary>
    public const string SourceName = "RecoveryCoach.Referrals";

    /// <summary>The <see cref="Meter"/> of the service's counters.</summary>
    public const string MeterName = "RecoveryCoach.Referrals";

    /// <summary>How a referral came in: <c>api</c> or <c>form</c>.</summary>
    public const string ChannelTag = "recoverycoach.referral.channel";

    /// <summary>What the rules decided: <c>allocated</c>, <c>awaiting-triage</c> or <c>ineligible</c>.</summary>
    public const string OutcomeTag = "recoverycoach.referral.outcome";

    /// <summary>Where a referral stands, as its status: <c>received</c> to <c>closed</c>.</summary>
    public const string StatusTag = "recoverycoach.referral.status";

    /// <summary>What a task asks, such as <c>initial-conversation</c>.</summary>
    public const string TaskTypeTag = "recoverycoach.task.type";

    /// <summary>Which email, such as <c>acknowledgement-referrer</c> or <c>task-reminder</c>; never its address.</summary>
    public const string EmailKindTag = "recoverycoach.email.kind";

    /// <summary>The journey's orchestration instance id (the referral id), on spans only.</summary>
    public const string InstanceIdTag = "durabletask.task.instance_id";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Received = Meter.CreateCounter<long>(
        "recoverycoach.referrals.received", "{referral}", "Referrals stored, once each, by channel; a repeated or replayed submission is not counted again.");

    private static readonly Counter<long> Decided = Meter.CreateCounter<long>(
        "recoverycoach.referrals.decided", "{referral}", "Referrals decided by the rules, once each, by outcome.");

    private static readonly Counter<long> TasksCreated = Meter.CreateCounter<long>(
        "recoverycoach.tasks.created", "{task}", "Tasks put on a worklist, once each (a retried activity finds its task and is not counted), by type.");

    private static readonly Counter<long> TasksEscalated = Meter.CreateCounter<long>(
        "recoverycoach.tasks.escalated", "{task}", "Tasks overdue past the escalation point and escalated to the team lead, once each, by type.");

    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>(
        "recoverycoach.emails.sent", "{email}", "Emails the mail server accepted, by kind.");

    private static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>(
        "recoverycoach.emails.failed", "{email}", "Attempts to send an email that failed, by kind; the journey tries again, so one email may fail more than once.");

    /// <summary>The last count of journeys by status; null until the first.</summary>
    private static volatile IReadOnlyDictionary<ReferralStatus, long>? journeys;

    /// <summary>
    /// A gauge, not an up/down counter: a journey lasts weeks, far longer than any process, so a
    /// running sum kept in memory would be lost at every restart and scale-in. It reports what the
    /// referral table held at the last <see cref="JourneyCensus"/>.
    /// </summary>
    public static readonly ObservableGauge<long> Journeys = Meter.CreateObservableGauge(
        "recoverycoach.journeys",
        () => journeys?.Select(j => new Measurement<long>(j.Value, new KeyValuePair<string, object?>(StatusTag, Name(j.Key)))) ?? [],
        "{journey}",
        "Referrals by status, counted from the referral table every few minutes by the web app: each instance reports the whole count, so take the latest or the largest, never the sum.");

    /// <summary>Names as the API writes them: <c>AwaitingTriage</c> is <c>awaiting-triage</c>.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every status, counted or not, so a status that empties shows 0 rather than its last count.</summary>
    internal static void JourneysCounted(IReadOnlyDictionary<ReferralStatus, long> counts) =>
        journeys = Enum.GetValues<ReferralStatus>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));

    public static void ReferralReceived(ReferralChannel channel) =>
        Received.Add(1, new KeyValuePair<string, object?>(ChannelTag, Name(channel)));

    public static void ReferralDecided(ReferralStatus outcome) =>
        Decided.Add(1, new KeyValuePair<string, object?>(OutcomeTag, Name(outcome)));

    public static void TaskCreated(CoachTaskType type) =>
        TasksCreated.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, Name(type)));

    public static void TaskEscalated(CoachTaskType type) =>
        TasksEscalated.Add(1, new KeyValuePair<string, object?>(TaskTypeTag, Name(type)));

    /// <summary>A span for one email, kind Client: the SMTP server is another service.</summary>
    public static Activity? StartEmail(string kind, string server, int port)
    {
        var span = Source.StartActivity("send email", ActivityKind.Client);
        span?.SetTag(EmailKindTag, kind);
        span?.SetTag("server.address", server);
        span?.SetTag("server.port", port);
        return span;
    }

    /// <summary>Ends an email's span and counts it, sent or failed.</summary>
    /// <param name="failure">Why it failed, or null when the server accepted it; only its type is recorded, as messages can quote addresses back.</param>
    public static void EmailDone(Activity? span, string kind, Exception? failure)
    {
        var tag = new KeyValuePair<string, object?>(EmailKindTag, kind);
        if (failure is null)
        {
            EmailsSent.Add(1, tag);
        }
        else
        {
            EmailsFailed.Add(1, tag);
            span?.SetTag("error.type", failure.GetType().FullName);
            span?.SetStatus(ActivityStatusCode.Error);
        }

        span?.Dispose();
    }
}
