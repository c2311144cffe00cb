using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// Keeps the keys that must be unique across referrals in the <c>{TaskHub}ReferralKeys</c>
/// table: each reference, and each idempotency key a client sent.
/// </summary>
public sealed class ReferralKeyStore
{
    private const string ReferencePartition = "reference";
    private const string IdempotencyPartition = "idempotency";
    private readonly CreatedTable table;

    public ReferralKeyStore(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "ReferralKeys");
    }

    /// <summary>Reserves a reference for a referral.</summary>
    /// <returns>False when another referral already has it.</returns>
    public async Task<bool> TryReserveReferenceAsync(string reference, string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AddEntityAsync(new TableEntity(ReferencePartition, reference) { ["ReferralId"] = referralId }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes what links a deleted referral to its keys: every idempotency key it was claimed
    /// by goes, and its reference stays reserved without the referral's id, so it is never given
    /// to another. Repeating it changes nothing.
    /// </summary>
    public async Task ForgetAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            await (row.PartitionKey == ReferencePartition
                ? client.UpsertEntityAsync(new TableEntity(ReferencePartition, row.RowKey) { ["Deleted"] = true }, TableUpdateMode.Replace, cancellationToken)
                : client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Claims <paramref name="idempotencyKey"/> for <paramref name="proposed"/>. When the key was
    /// claimed before, the earlier claim is returned and the caller answers with that referral.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string idempotencyKey, IdempotencyClaim proposed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
        var entity = new TableEntity(IdempotencyPartition, rowKey)
        {
            ["ReferralId"] = proposed.ReferralId,
            ["Reference"] = proposed.Reference,
            ["RequestHash"] = proposed.RequestHash,
        };
        try
        {
            await client.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return proposed;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await client.GetEntityAsync<TableEntity>(IdempotencyPartition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new IdempotencyClaim(existing.GetString("ReferralId"), existing.GetString("Reference"), existing.GetString("RequestHash"));
        }
    }
}
