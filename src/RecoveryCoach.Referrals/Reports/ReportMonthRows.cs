using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>
/// Two rows kept in each event and month partition of the report facts, after the facts, whose
/// keys are hexadecimal and sort before <see cref="FirstKey"/>:
/// <list type="bullet">
/// <item><c>~version</c>, written afresh in the same transaction as every change to the partition's facts;</item>
/// <item><c>~summary</c>, every fact of the partition at one version, in one row, without naming any referral.</item>
/// </list>
/// A report reads the summary when its version is the partition's, and otherwise reads the facts
/// and writes the summary again. A month the journeys no longer change is read as one row.
/// </summary>
internal static class ReportMonthRows
{
    /// <summary>The first key of the partition's own rows; every fact's key sorts before it.</summary>
    public const string FirstKey = "~";

    public const string VersionKey = "~version";

    public const string SummaryKey = "~summary";

    /// <summary>The largest binary property a table stores.</summary>
    private const int PartBytes = 64 * 1024;

    /// <summary>Parts enough for a month far busier than the service's, within a row's 1 MiB.</summary>
    private const int MaxParts = 14;

    /// <summary>A new version of <paramref name="partition"/>'s facts, to write with any change to them.</summary>
    public static TableTransactionAction NewVersion(string partition) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, VersionKey) { ["Version"] = Guid.NewGuid().ToString("N") });

    /// <summary>The version a version row names; empty for a partition written before versions were kept, or never.</summary>
    public static string VersionOf(TableEntity? row) => row?.GetString("Version") ?? string.Empty;

    /// <summary>The summary of <paramref name="facts"/>, all of one partition at <paramref name="version"/>; null when too large for one row.</summary>
    public static TableEntity? Summary(string partition, string version, IReadOnlyList<ReferralFacts> facts)
    {
        using var packed = new MemoryStream();
        using (var zip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, facts.Select(Unnamed).ToList());
        }

        var bytes = packed.ToArray();
        var parts = (bytes.Length + PartBytes - 1) / PartBytes;
        if (parts > MaxParts)
        {
            return null;
        }

        var row = new TableEntity(partition, SummaryKey) { ["Version"] = version, ["Parts"] = parts, ["Count"] = facts.Count };
        for (var i = 0; i < parts; i++)
        {
            row[$"Part{i}"] = bytes.AsSpan(i * PartBytes, Math.Min(PartBytes, bytes.Length - (i * PartBytes))).ToArray();
        }

        return row;
    }

    /// <summary>The facts a summary holds, or null when it is not of <paramref name="version"/>.</summary>
    public static IReadOnlyList<ReferralFacts>? FactsOf(TableEntity? summary, string version)
    {
        if (summary is null || summary.GetString("Version") != version || summary.GetInt32("Parts") is not { } parts)
        {
            return null;
        }

        using var packed = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            packed.Write(summary.GetBinary($"Part{i}"));
        }

        packed.Position = 0;
        using var zip = new GZipStream(packed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<ReferralFacts>>(zip) ?? [];
    }

    /// <summary>The facts as a report counts them: without the referral's id or reference.</summary>
    public static ReferralFacts Unnamed(ReferralFacts facts) => facts with { ReferralId = string.Empty, Reference = string.Empty };
}
