using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>Which system sent a referral, under which of its own identifiers.</summary>
/// <param name="ClientId">The system client's id, from its token.</param>
/// <param name="IdentifierSystem">The namespace of the sender's identifier for the referral.</param>
/// <param name="IdentifierValue">The sender's identifier.</param>
public sealed record ReferralSender(string ClientId, string IdentifierSystem, string IdentifierValue);

/// <summary>
/// The <c>{TaskHub}ReferralSenders</c> table: for each referral a record system sent, which
/// system it was, so only that system may follow it. One row per referral, keyed by its id;
/// written again on every repeat, so a sender whose first answer was lost is still recorded.
/// </summary>
public sealed class ReferralSenderStore(TableServiceClient service, IOptions<StorageOptions> options)
{
    private const string Row = "sender";
    private readonly CreatedTable table = CreatedTable.Named(service, options, "ReferralSenders");

    public async Task RecordAsync(string referralId, ReferralSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        await client.UpsertEntityAsync(
            new TableEntity(referralId, Row)
            {
                ["ClientId"] = sender.ClientId,
                ["IdentifierSystem"] = sender.IdentifierSystem,
                ["IdentifierValue"] = sender.IdentifierValue,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who sent the referral; null when no system did.</summary>
    public async Task<ReferralSender?> FindAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await client.GetEntityIfExistsAsync<TableEntity>(referralId, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } found
            ? new ReferralSender(found.GetString("ClientId"), found.GetString("IdentifierSystem"), found.GetString("IdentifierValue"))
            : null;
    }

    /// <summary>Forgets the sender of a referral, as the retention purge deletes what is held for it.</summary>
    public async Task DeleteAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.DeleteEntityAsync(referralId, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Not sent by a record system, or forgotten by an earlier run.
        }
    }
}
