using Azure.Data.Tables;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// A table that is created on first use. Creating it lazily, not at start-up, lets the service
/// start while storage is down and answer clearly until it is back.
/// </summary>
internal sealed class CreatedTable(TableClient client)
{
    private volatile bool created;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!created)
        {
            await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            created = true;
        }

        return client;
    }
}
