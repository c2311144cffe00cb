using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Caseload;

/// <summary>
/// How the caseload index lays out one team's partition (<c>triage</c> for referrals no team
/// has): a row per referral keyed by its id, and after them, from <c>~</c> on, a row per search
/// key (<c>~{key}|{referral id}</c>). A referral's row and its keys share a partition, so they
/// change in one transaction, and a list of the team's people never reads the keys.
/// </summary>
internal static class CaseloadRows
{
    /// <summary>Where search-key rows begin: after every referral id, which are hexadecimal.</summary>
    public const string KeyPrefix = "~";

    /// <summary>The partition of referrals no team has yet, or will have: being decided, triage, not eligible.</summary>
    public const string NoTeam = TaskStore.TriageList;

    public static string PartitionOf(string? team) => team ?? NoTeam;

    public static string KeyRow(string key, string referralId) => $"{KeyPrefix}{key}|{referralId}";

    public static string ReferralOfKeyRow(string rowKey) => rowKey[(rowKey.LastIndexOf('|') + 1)..];

    public static TableEntity ToEntity(CaseloadEntry entry, IReadOnlySet<string> keys) =>
        new(PartitionOf(entry.Team), entry.ReferralId)
        {
            ["Reference"] = entry.Reference,
            ["GivenName"] = entry.GivenName,
            ["FamilyName"] = entry.FamilyName,
            ["DateOfBirth"] = entry.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Status"] = entry.Status.ToString(),
            ["Open"] = entry.IsOpen,
            ["Coach"] = entry.Coach,
            ["SubmittedAt"] = entry.SubmittedAt,
            ["AgreedAt"] = entry.AgreedAt,
            ["PlannedWeeks"] = entry.PlannedWeeks,
            ["OpenTasks"] = JsonSerializer.Serialize(entry.OpenTasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList()),
            ["Keys"] = string.Join('\n', keys),
        };

    public static CaseloadEntry ToEntry(TableEntity row) =>
        new(
            row.RowKey,
            row.GetString("Reference"),
            row.GetString("GivenName"),
            row.GetString("FamilyName"),
            DateOnly.ParseExact(row.GetString("DateOfBirth"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            row.PartitionKey == NoTeam ? null : row.PartitionKey,
            Enum.Parse<ReferralStatus>(row.GetString("Status")),
            row.GetString("Coach"),
            row.GetDateTimeOffset("SubmittedAt")!.Value,
            row.GetDateTimeOffset("AgreedAt"),
            row.GetInt32("PlannedWeeks"),
            JsonSerializer.Deserialize<List<OpenTask>>(row.GetString("OpenTasks") ?? "[]") ?? []);

    public static IReadOnlySet<string> KeysOf(TableEntity row) =>
        (row.GetString("Keys") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether two rows say the same, so an unchanged referral costs no write.</summary>
    public static bool Same(TableEntity stored, TableEntity next) =>
        next.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
            .All(k => Equals(Normalise(stored.TryGetValue(k, out var a) ? a : null), Normalise(next[k])));

    private static object? Normalise(object? value) => value switch
    {
        DateTimeOffset at => at.UtcTicks,
        DateTime at => new DateTimeOffset(at.ToUniversalTime()).UtcTicks,
        _ => value,
    };
}
