using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Audit;

/// <summary>
/// The <c>{TaskHub}AccessLog</c> table: an append-only record of what staff looked for, one
/// partition per UK month, each row keyed by its time and a random suffix so that rows written
/// at the same moment by anyone never clash and read back in time order. Rows are only ever added,
/// and deleted only by the retention purge.
/// </summary>
public sealed class AccessLog
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly CreatedTable table;

    public AccessLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "AccessLog");
    }

    public async Task RecordAsync(AccessEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(MonthOf(entry.At), string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}"))
        {
            ["At"] = entry.At,
            ["Who"] = entry.Who,
            ["Action"] = entry.Action,
            ["Detail"] = entry.Detail,
            ["ReferralIds"] = string.Join(' ', entry.ReferralIds),
        };
        await client.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What was recorded in the UK month of <paramref name="at"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AccessEntry>> MonthAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AccessEntry>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {MonthOf(at)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AccessEntry(
                row.GetDateTimeOffset("At")!.Value,
                row.GetString("Who"),
                row.GetString("Action"),
                row.GetString("Detail"),
                (row.GetString("ReferralIds") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return entries;
    }

    /// <summary>
    /// Deletes every row that names <paramref name="referralId"/> among what it showed: the one
    /// exception to only ever adding, for the retention purge. It reads every month, since a row
    /// does not say which referrals it names in its key.
    /// </summary>
    public async Task DeleteReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var naming = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "ReferralIds"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if ((row.GetString("ReferralIds") ?? string.Empty).Split(' ').Contains(referralId, StringComparer.Ordinal))
            {
                naming.Add(row);
            }
        }

        foreach (var row in naming)
        {
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string MonthOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
