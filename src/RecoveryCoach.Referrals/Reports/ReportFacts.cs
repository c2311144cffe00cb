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
    /// The facts of every referral that had <paramref name="kind"/> within <paramref name="period"/>,
    /// of one team, or of the whole service for null: a query per month, all at once.
    /// </summary>
    public async Task<IReadOnlyList<ReferralFacts>> ReadAsync(ReportEvent kind, ReportPeriod period, string? team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var months = await Task.WhenAll(period.Months().Select(async month =>
        {
            var partition = ReportFactRows.PartitionOf(kind, month);
            var filter = team is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Team eq {team}");
            var rows = new List<ReferralFacts>();
            await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReportFactRows.ToFacts(row));
            }

            return rows;
        })).ConfigureAwait(false);
        return [.. months.SelectMany(m => m).Where(f => ReportFactRows.DateOf(f, kind) is { } on && period.Contains(on))];
    }
}
