using DurableTask.AzureStorage;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Hosting;

/// <summary>The durable engine's clients on the account the referral tables use, reached the same way.</summary>
public static class StorageAccountClients
{
    public static StorageAccountClientProvider ForDurableTask(this StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ConnectionString is { } connectionString
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(connection.BlobServiceUri, connection.QueueServiceUri, connection.TableServiceUri, connection.Credential!);
    }
}
