using Microsoft.Extensions.Configuration;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Tests.Hosting;

/// <summary>
/// The durable engine reaches the account the referral tables do, the same way: its blob, queue
/// and table clients come from the one <see cref="StorageConnection"/>. Nothing here connects.
/// </summary>
public sealed class StorageAccountClientsTests
{
    [Fact]
    public void An_identity_based_connection_gives_the_engine_clients_on_the_accounts_endpoints()
    {
        var connection = Read(
            ("AzureWebJobsStorage:accountName", "recoverycoachprod"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "6f1c0c1e-3d5b-4c1a-9a57-0d2b3c4e5f60"));

        var engine = connection.ForDurableTask();

        var blob = engine.Blob.CreateClient(engine.Blob.CreateOptions());
        blob.Uri.Should().Be(new Uri("https://recoverycoachprod.blob.core.windows.net/"));
        blob.CanGenerateAccountSasUri.Should().BeFalse("the engine signs in with the identity, not a key");
        engine.Queue.CreateClient(engine.Queue.CreateOptions()).Uri.Should().Be(new Uri("https://recoverycoachprod.queue.core.windows.net/"));
        engine.Table.CreateClient(engine.Table.CreateOptions()).Uri.Should().Be(new Uri("https://recoverycoachprod.table.core.windows.net/"));
    }

    [Fact]
    public void A_connection_string_gives_the_engine_clients_signed_with_its_key()
    {
        var connection = StorageConnection.FromConnectionString(TestServers.StorageConnectionString);

        var engine = connection.ForDurableTask();

        var blob = engine.Blob.CreateClient(engine.Blob.CreateOptions());
        blob.Uri.Should().Be(connection.BlobServiceUri);
        blob.CanGenerateAccountSasUri.Should().BeTrue();
        engine.Queue.CreateClient(engine.Queue.CreateOptions()).Uri.Should().Be(connection.QueueServiceUri);
        engine.Table.CreateClient(engine.Table.CreateOptions()).Uri.Should().Be(connection.TableServiceUri);
    }

    private static StorageConnection Read(params (string Key, string Value)[] settings) =>
        StorageConnection.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()
            .GetSection(StorageConnection.Section));
}
