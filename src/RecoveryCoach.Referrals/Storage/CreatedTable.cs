using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// A table that is created on first use. Creating it lazily, not at start-up, lets the service
/// start while storage is down and answer clearly until it is back.
/// </summary>
public sealed class CreatedTable(TableClient client)
{
    private volatile bool created;

    /// <summary>The task hub's table <c>{TablePrefix}{name}</c>, as every referral store names its own.</summary>
    public static CreatedTable Named(TableServiceClient service, IOptions<StorageOptions> options, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        return new CreatedTable(service.GetTableClient(options.Value.TablePrefix + name));
    }

    /// <summary>The table's client without creating the table, for reads that must never write, even that.</summary>
    public TableClient Existing => client;

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
