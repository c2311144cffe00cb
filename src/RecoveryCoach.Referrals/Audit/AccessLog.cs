using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Audit;

/// <summary>
/// The <c>{TaskHub}AccessLog</c> table: the append-only record of every view, search, export and
/// change staff make. A row about one referral is written twice with the same key: in the
/// referral's partition (<c>referral-{id}</c>), which its access log page reads, and then in the
/// UK month's partition (<c>month-yyyy-MM</c>), which the service-wide log reads. Rows about no
/// single referral (a search that showed none or several, a report) are in the month only.
/// Rows are never updated; <see cref="DeleteReferralAsync"/> is the one way any leave.
/// </summary>
public sealed class AccessLog
{
    private const int MonthsAtMost = 240;
    private readonly CreatedTable table;

    public AccessLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "AccessLog");
    }

    /// <summary>
    /// Adds <paramref name="entry"/>: the referral's row first, then the month's, so a failure in
    /// between leaves a row <see cref="DeleteReferralAsync"/> still finds, never a twin it cannot.
    /// </summary>
    public async Task RecordAsync(AccessEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = AccessRows.NewKey(entry.At);
        if (entry.Referral is { } referral)
        {
            await client.AddEntityAsync(AccessRows.ToRow(entry, AccessRows.ReferralPartition(referral.Id), key), cancellationToken).ConfigureAwait(false);
        }

        await client.AddEntityAsync(AccessRows.ToRow(entry, AccessRows.MonthPartition(entry.At), key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything recorded about one referral, newest first.</summary>
    public async Task<IReadOnlyList<AccessEntry>> ForReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AccessEntry>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AccessRows.ReferralPartition(referralId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(AccessRows.FromRow(row));
        }

        return entries;
    }

    /// <summary>Everything recorded across the service in the UK month of <paramref name="at"/>, newest first.</summary>
    public async Task<IReadOnlyList<AccessEntry>> MonthAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var day = UkDate.Of(at);
        var first = new DateOnly(day.Year, day.Month, 1);
        var page = await QueryAsync(new AccessQuery(null, first, first.AddMonths(1).AddDays(-1), int.MaxValue - 1), cancellationToken).ConfigureAwait(false);
        return page.Entries;
    }

    /// <summary>
    /// The service-wide log over a period, newest first, optionally one member's rows only: each
    /// UK month's partition read by a key range, from the last month back, until enough are found.
    /// </summary>
    public async Task<AccessPage> QueryAsync(AccessQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var start = UkDate.StartOf(query.From);
        var end = UkDate.StartOf(query.To.AddDays(1));
        var entries = new List<AccessEntry>();
        var month = new DateOnly(query.To.Year, query.To.Month, 1);
        for (var i = 0; i < MonthsAtMost && month >= new DateOnly(query.From.Year, query.From.Month, 1); i++, month = month.AddMonths(-1))
        {
            var partition = AccessRows.MonthPrefix + month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            // '~' sorts after '-' and every hex digit: past every key of that tick.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {AccessRows.KeyPrefix(end) + "~"} and RowKey lt {AccessRows.KeyPrefix(start) + "~"}");
            if (query.Who is { Length: > 0 } who)
            {
                filter += " and " + TableClient.CreateQueryFilter($"WhoKey eq {who.Trim().ToLowerInvariant()}");
            }

            await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(AccessRows.FromRow(row));
                if (entries.Count > query.Most)
                {
                    return new AccessPage(entries[..query.Most], More: true);
                }
            }
        }

        return new AccessPage(entries, More: false);
    }

    /// <summary>
    /// Deletes everything the log holds about one referral: its partition, and each row's twin in
    /// the month partitions, twins first, so a run killed part-way leaves the referral's own rows to
    /// find the rest by and the next run finishes. Idempotent. Searches that showed several people
    /// are left as they are: they name this referral only by its id, which after the purge leads
    /// nowhere, and they are the record of what the searcher did about the others. This is the one
    /// exception to the log being append-only; the retention purge calls it.
    /// </summary>
    public async Task DeleteReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = AccessRows.ReferralPartition(referralId);
        var rows = new List<(string RowKey, string? Month)>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey", "MonthPartition"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add((row.RowKey, row.GetString("MonthPartition")));
        }

        foreach (var chunk in rows.Where(r => r.Month is not null).Chunk(16))
        {
            await Task.WhenAll(chunk.Select(r => DeleteIfThereAsync(client, r.Month!, r.RowKey, cancellationToken))).ConfigureAwait(false);
        }

        foreach (var chunk in rows.Chunk(16))
        {
            await Task.WhenAll(chunk.Select(r => DeleteIfThereAsync(client, partition, r.RowKey, cancellationToken))).ConfigureAwait(false);
        }
    }

    private static async Task DeleteIfThereAsync(TableClient client, string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Deleted by an earlier run that was stopped part-way: nothing left to do.
        }
    }
}
