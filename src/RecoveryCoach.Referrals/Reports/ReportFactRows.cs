using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>The moments in a referral's life that reports count, each in the period it fell in.</summary>
public enum ReportEvent
{
    Received,
    FirstContact,
    Closed,
    Discharged,
}

/// <summary>
/// How the <c>{TaskHub}ReportFacts</c> table is laid out: a referral's facts are kept once for
/// each event it has had, in the partition of that event and the UK month it fell in
/// (<c>closed-2026-11</c>), keyed by the referral's id. A report of a quarter reads three months
/// of each event, never every referral.
/// </summary>
internal static class ReportFactRows
{
    public static string PartitionOf(ReportEvent kind, string month) => $"{Name(kind)}-{month}";

    /// <summary>When <paramref name="facts"/> had <paramref name="kind"/>, as a UK date; null when it has not yet.</summary>
    public static DateOnly? DateOf(ReferralFacts facts, ReportEvent kind) => kind switch
    {
        ReportEvent.Received => UkDate.Of(facts.ReceivedAt),
        ReportEvent.FirstContact => facts.FirstContactAt is { } at ? UkDate.Of(at) : null,
        ReportEvent.Closed => facts.ClosedAt is { } at ? UkDate.Of(at) : null,
        _ => facts.DischargedOn,
    };

    public static TableEntity ToEntity(ReferralFacts facts, ReportEvent kind, DateOnly on) =>
        new(PartitionOf(kind, on.ToString("yyyy-MM", CultureInfo.InvariantCulture)), facts.ReferralId)
        {
            ["Reference"] = facts.Reference,
            ["Team"] = facts.Team,
            ["ReceivedAt"] = facts.ReceivedAt,
            ["Relationship"] = facts.Relationship,
            ["Eligible"] = facts.Eligible,
            ["UnmetCriteria"] = JsonSerializer.Serialize(facts.UnmetCriteria),
            ["FirstContactAt"] = facts.FirstContactAt,
            ["AgreedAt"] = facts.AgreedAt,
            ["PlannedWeeks"] = facts.PlannedWeeks,
            ["ExtensionWeeks"] = facts.ExtensionWeeks,
            ["Baseline"] = facts.Baseline is null ? null : JsonSerializer.Serialize(facts.Baseline),
            ["ClosedAt"] = facts.ClosedAt,
            ["ClosureReason"] = facts.ClosureReason,
            ["End"] = facts.End is null ? null : JsonSerializer.Serialize(facts.End),
            ["Goals"] = JsonSerializer.Serialize(facts.Goals),
            ["DischargedOn"] = facts.DischargedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

    public static ReferralFacts ToFacts(TableEntity row) =>
        new(
            row.RowKey,
            row.GetString("Reference"),
            row.GetString("Team"),
            row.GetDateTimeOffset("ReceivedAt")!.Value,
            row.GetString("Relationship"),
            row.GetBoolean("Eligible"),
            JsonSerializer.Deserialize<List<string>>(row.GetString("UnmetCriteria") ?? "[]") ?? [],
            row.GetDateTimeOffset("FirstContactAt"),
            row.GetDateTimeOffset("AgreedAt"),
            row.GetInt32("PlannedWeeks"),
            row.GetInt32("ExtensionWeeks") ?? 0,
            row.GetString("Baseline") is { } baseline ? JsonSerializer.Deserialize<Wellbeing>(baseline) : null,
            row.GetDateTimeOffset("ClosedAt"),
            row.GetString("ClosureReason"),
            row.GetString("End") is { } end ? JsonSerializer.Deserialize<Wellbeing>(end) : null,
            JsonSerializer.Deserialize<List<GoalRating>>(row.GetString("Goals") ?? "[]") ?? [],
            row.GetString("DischargedOn") is { } on ? DateOnly.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);

    private static string Name(ReportEvent kind) => kind switch
    {
        ReportEvent.Received => "received",
        ReportEvent.FirstContact => "contacted",
        ReportEvent.Closed => "closed",
        _ => "discharged",
    };
}
