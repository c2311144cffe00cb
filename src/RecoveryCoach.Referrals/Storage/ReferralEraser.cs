using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// Deletes a referral's partition of the <c>{TaskHub}Referrals</c> table (<see cref="ReferralRows"/>):
/// its decisions, emails, journey steps, request holds and timeline first, the referral row
/// last. The referral row carries its legal hold and deletion date, so while any of its rows
/// are left, a purge cut short finds the referral and finishes it.
/// </summary>
public sealed class ReferralEraser
{
    private const int BatchSize = 100;
    private readonly CreatedTable table;

    public ReferralEraser(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "Referrals");
    }

    /// <summary>
    /// Deletes every row of the referral; deleting one already gone does nothing. The partition is
    /// read again after the referral row goes, for a timeline line added by a view that read it
    /// just before.
    /// </summary>
    public async Task EraseAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(client, referralId, (await KeysAsync(client, referralId, cancellationToken).ConfigureAwait(false)).Where(k => k != ReferralRows.ReferralRow), cancellationToken).ConfigureAwait(false);
        await client.DeleteEntityAsync(referralId, ReferralRows.ReferralRow, ETag.All, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(client, referralId, await KeysAsync(client, referralId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> KeysAsync(TableClient client, string referralId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    private static async Task DeleteAsync(TableClient client, string referralId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(BatchSize))
        {
            try
            {
                await client.SubmitTransactionAsync(batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(referralId, k), ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // A row went meanwhile (another run of the same purge): delete the rest one by one.
                foreach (var key in batch)
                {
                    await client.DeleteEntityAsync(referralId, key, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
