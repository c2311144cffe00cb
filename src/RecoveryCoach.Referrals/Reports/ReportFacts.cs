using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>
/// The <c>{TaskHub}ReportFacts</c> table (<see cref="ReportFactRows"/>): what the service's
/// reports count, kept in step by every committed change to a referral. The referral is the
/// truth: each write puts its facts as they are now, so repeating one changes nothing, and the
/// table can be written again from the referrals at any time.
/// </summary>
public sealed class ReportFacts
{
    private readonly CreatedTable table;
    private readonly ILogger<ReportFacts> logger;

    public ReportFacts(TableServiceClient service, IOptions<StorageOptions> options, ILogger<ReportFacts> logger)
    {
        table = CreatedTable.Named(service, options, "ReportFacts");
        this.logger = logger;
    }

    /// <summary>
    /// Follows a change the referral store has committed. The change stands whatever happens
    /// here: should storage fail, the facts stay behind, are logged, and are brought in step by
    /// the referral's next change or a rebuild.
    /// </summary>
    internal async Task FollowAsync(Referral referral, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(referral, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageOutage.IsOutage(ex))
        {
            logger.ReportFactsBehind(referral.Id, ex);
        }
    }

    /// <summary>Writes the referral's facts under each event it has had, as it is now.</summary>
    public async Task WriteAsync(Referral referral, CancellationToken cancellationToken)
    {
        var facts = ReferralFacts.From(referral);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var writes = Enum.GetValues<ReportEvent>()
            .Select(kind => (Kind: kind, On: ReportFactRows.DateOf(facts, kind)))
            .Where(e => e.On is not null)
            .Select(e => client.UpsertEntityAsync(ReportFactRows.ToEntity(facts, e.Kind, e.On!.Value), TableUpdateMode.Replace, cancellationToken));
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the referral's facts counted once it is deleted, without naming it: each row moves
    /// to <paramref name="factsKey"/>, a random key, with no reference, in the same partition, so
    /// every report counts the same before and after. The rows are copied as they are, not
    /// written again from the referral, which a purge finished by a later run no longer holds
    /// whole; a row already moved is left alone.
    /// </summary>
    public async Task AnonymiseAsync(Referral referral, string factsKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var facts = ReferralFacts.From(referral);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in Enum.GetValues<ReportEvent>())
        {
            if (ReportFactRows.DateOf(facts, kind) is not { } on)
            {
                continue;
            }

            var partition = ReportFactRows.PartitionOf(kind, on.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            var row = await client.GetEntityIfExistsAsync<TableEntity>(partition, referral.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!row.HasValue)
            {
                continue;
            }

            var moved = new TableEntity(row.Value!) { PartitionKey = partition, RowKey = factsKey, ["Reference"] = string.Empty, ETag = default };
            await client.UpsertEntityAsync(moved, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await client.DeleteEntityAsync(partition, referral.Id, ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The facts of every referral that had <paramref name="kind"/> within <paramref name="period"/>,
    /// of one team, or of the whole service for null: one query over the event's partitions of
    /// the months the period touches, which sort in order of month. One range rather than a
    /// query per month, since a store may look at every row for each query it is sent (Azurite
    /// does), and a year would be twelve of them.
    /// </summary>
    public async Task<IReadOnlyList<ReferralFacts>> ReadAsync(ReportEvent kind, ReportPeriod period, string? team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var months = period.Months().ToList();
        var (first, last) = (ReportFactRows.PartitionOf(kind, months[0]), ReportFactRows.PartitionOf(kind, months[^1]));
        var filter = team is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last} and Team eq {team}");
        var facts = new List<ReferralFacts>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ReportFactRows.ToFacts(row) is var fact && ReportFactRows.DateOf(fact, kind) is { } on && period.Contains(on))
            {
                facts.Add(fact);
            }
        }

        return facts;
    }
}
