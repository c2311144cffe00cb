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
            .Select(e => ReportFactRows.ToEntity(facts, e.Kind, e.On!.Value))
            .Select(row => client.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), ReportMonthRows.NewVersion(row.PartitionKey)],
                cancellationToken));
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
            await client.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, moved),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, referral.Id), ETag.All),
                    ReportMonthRows.NewVersion(partition),
                ],
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The facts of every referral that had <paramref name="kind"/> within <paramref name="period"/>,
    /// of one team, or of the whole service for null, without naming any referral. Each month is
    /// read from its summary when no fact of it has changed since (<see cref="ReportMonthRows"/>);
    /// the months that have are read whole, in one range, and their summaries written again.
    /// One range rather than a query per month, since a store may look at every row for each
    /// query it is sent (Azurite does).
    /// </summary>
    public async Task<IReadOnlyList<ReferralFacts>> ReadAsync(ReportEvent kind, ReportPeriod period, string? team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partitions = period.Months().Select(month => ReportFactRows.PartitionOf(kind, month)).ToList();
        var own = await RowsAsync(client, partitions[0], partitions[^1], ownRows: true, cancellationToken).ConfigureAwait(false);
        var byMonth = new Dictionary<string, IReadOnlyList<ReferralFacts>>(StringComparer.Ordinal);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            var rows = own[partition].ToDictionary(r => r.RowKey, StringComparer.Ordinal);
            versions[partition] = ReportMonthRows.VersionOf(rows.GetValueOrDefault(ReportMonthRows.VersionKey));
            if (ReportMonthRows.FactsOf(rows.GetValueOrDefault(ReportMonthRows.SummaryKey), versions[partition]) is { } kept)
            {
                byMonth[partition] = kept;
            }
        }

        if (partitions.Where(p => !byMonth.ContainsKey(p)).ToList() is { Count: > 0 } changed)
        {
            var facts = await RowsAsync(client, changed[0], changed[^1], ownRows: false, cancellationToken).ConfigureAwait(false);
            foreach (var partition in changed)
            {
                byMonth[partition] = [.. facts[partition].Select(row => ReportMonthRows.Unnamed(ReportFactRows.ToFacts(row)))];
            }

            await KeepSummariesAsync(client, changed.Select(p => (p, versions[p], byMonth[p])), cancellationToken).ConfigureAwait(false);
        }

        return [.. partitions.SelectMany(p => byMonth[p])
            .Where(fact => (team is null || fact.Team == team) && ReportFactRows.DateOf(fact, kind) is { } on && period.Contains(on))];
    }

    /// <param name="ownRows">The partitions' version and summary rows; otherwise their facts.</param>
    private static async Task<ILookup<string, TableEntity>> RowsAsync(TableClient client, string first, string last, bool ownRows, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = ownRows
            ? TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last} and RowKey ge {ReportMonthRows.FirstKey}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last} and RowKey lt {ReportMonthRows.FirstKey}");
        await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows.ToLookup(r => r.PartitionKey, StringComparer.Ordinal);
    }

    /// <summary>A summary is only a shortcut: should storage refuse it, the report stands and the next one reads the facts again.</summary>
    private async Task KeepSummariesAsync(TableClient client, IEnumerable<(string Partition, string Version, IReadOnlyList<ReferralFacts> Facts)> months, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(months
                .Select(m => ReportMonthRows.Summary(m.Partition, m.Version, m.Facts))
                .OfType<TableEntity>()
                .Select(row => client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            logger.ReportSummaryNotKept(ex);
        }
    }
}
