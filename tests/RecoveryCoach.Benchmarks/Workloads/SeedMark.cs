using Azure.Data.Tables;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// A note left in the store once a seeding has been written in full: how many referrals, from
/// which seed, and the "now" they were generated before. A run given a store kept from an earlier
/// one (<c>bench.sh --keep-store</c>) finds it and generates the same referrals again instead of
/// writing them a second time, so the pages can be timed again after a change in minutes rather
/// than the better part of an hour.
/// </summary>
internal sealed class SeedMark(string connectionString, string hub)
{
    private const string Partition = "seeded";

    private TableClient Table => new(connectionString, hub + "SeedMark");

    /// <summary>When the referrals of <paramref name="seed"/> and <paramref name="count"/> were generated, if they are all in the store.</summary>
    public async Task<DateTimeOffset?> FindAsync(int seed, int count, CancellationToken cancellationToken)
    {
        var table = Table;
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var mark = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(seed, count), cancellationToken: cancellationToken).ConfigureAwait(false);
        return mark.HasValue ? mark.Value!.GetDateTimeOffset("GeneratedFor") : null;
    }

    /// <summary>Notes that every referral of <paramref name="seed"/> and <paramref name="count"/>, generated for <paramref name="now"/>, is written.</summary>
    public async Task RecordAsync(int seed, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = Table;
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Partition, RowKey(seed, count)) { ["GeneratedFor"] = now }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string RowKey(int seed, int count) => FormattableString.Invariant($"{seed}-{count}");
}
