using Azure.Identity;
using Microsoft.Extensions.Configuration;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Tests.Storage;

/// <summary>
/// Each form of the <c>AzureWebJobsStorage</c> settings, as the Functions host reads them, gives
/// clients for the right account, signing in the right way. Nothing here contacts a server:
/// clients and credentials only connect on their first request.
/// </summary>
public sealed class StorageConnectionTests
{
    private const string ClientId = "6f1c0c1e-3d5b-4c1a-9a57-0d2b3c4e5f60";

    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void A_connection_string_gives_clients_for_its_endpoints_signed_with_its_key()
    {
        var connection = Read(("AzureWebJobsStorage", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteKey
            + ";BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;TableEndpoint=http://127.0.0.1:20002/devstoreaccount1;"));

        connection.Credential.Should().BeNull();
        connection.ClientId.Should().BeNull();
        connection.CreateBlobServiceClient().Uri.Should().Be(new Uri("http://127.0.0.1:20000/devstoreaccount1"));
        connection.CreateQueueServiceClient().Uri.Should().Be(new Uri("http://127.0.0.1:20001/devstoreaccount1"));
        connection.CreateTableServiceClient().Uri.Should().Be(new Uri("http://127.0.0.1:20002/devstoreaccount1"));
        connection.CreateTableServiceClient().AccountName.Should().Be("devstoreaccount1");
        connection.CreateBlobServiceClient().CanGenerateAccountSasUri.Should().BeTrue("a client built from a key can sign with it");
        connection.Form.Should().Be("a connection string");
    }

    [Fact]
    public void The_development_storage_shortcut_is_Azurite_on_its_default_ports()
    {
        var connection = Read(("AzureWebJobsStorage", StorageConnection.DevelopmentStorage));

        connection.BlobServiceUri.Should().Be(new Uri("http://127.0.0.1:10000/devstoreaccount1"));
        connection.QueueServiceUri.Should().Be(new Uri("http://127.0.0.1:10001/devstoreaccount1"));
        connection.TableServiceUri.Should().Be(new Uri("http://127.0.0.1:10002/devstoreaccount1"));
        connection.Credential.Should().BeNull();
    }

    [Fact]
    public void An_account_name_with_a_user_assigned_managed_identity_gives_the_public_cloud_endpoints_and_that_identity()
    {
        var connection = Read(
            ("AzureWebJobsStorage:accountName", "recoverycoachprod"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", ClientId));

        connection.ConnectionString.Should().BeNull();
        connection.CreateBlobServiceClient().Uri.Should().Be(new Uri("https://recoverycoachprod.blob.core.windows.net/"));
        connection.CreateQueueServiceClient().Uri.Should().Be(new Uri("https://recoverycoachprod.queue.core.windows.net/"));
        connection.CreateTableServiceClient().Uri.Should().Be(new Uri("https://recoverycoachprod.table.core.windows.net/"));
        connection.CreateTableServiceClient().AccountName.Should().Be("recoverycoachprod");
        connection.CreateBlobServiceClient().CanGenerateAccountSasUri.Should().BeFalse("an identity-based client holds no key");
        connection.Credential.Should().BeOfType<ManagedIdentityCredential>();
        connection.ClientId.Should().Be(ClientId);
        connection.Form.Should().Be($"the managed identity {ClientId}");
    }

    [Fact]
    public void Managed_identity_without_a_client_id_is_the_system_assigned_identity()
    {
        var connection = Read(("AzureWebJobsStorage:accountName", "recoverycoachprod"), ("AzureWebJobsStorage:credential", "ManagedIdentity"));

        connection.Credential.Should().BeOfType<ManagedIdentityCredential>();
        connection.ClientId.Should().BeNull();
        connection.Form.Should().Be("the system-assigned managed identity");
    }

    [Fact]
    public void Without_a_credential_setting_an_identity_based_connection_signs_in_with_DefaultAzureCredential()
    {
        var connection = Read(("AzureWebJobsStorage:accountName", "recoverycoachdev"), ("AzureWebJobsStorage:clientId", ClientId));

        connection.Credential.Should().BeOfType<DefaultAzureCredential>();
        connection.ClientId.Should().Be(ClientId, "DefaultAzureCredential's managed identity is the one named");
        connection.TableServiceUri.Should().Be(new Uri("https://recoverycoachdev.table.core.windows.net/"));
    }

    [Fact]
    public void The_three_service_uris_give_clients_for_exactly_those_endpoints()
    {
        var connection = Read(
            ("AzureWebJobsStorage:blobServiceUri", "https://rcuk.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://rcuk.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://rcuk.table.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", ClientId));

        connection.CreateBlobServiceClient().Uri.Should().Be(new Uri("https://rcuk.blob.core.windows.net"));
        connection.CreateQueueServiceClient().Uri.Should().Be(new Uri("https://rcuk.queue.core.windows.net"));
        connection.CreateTableServiceClient().Uri.Should().Be(new Uri("https://rcuk.table.core.windows.net"));
        connection.Credential.Should().BeOfType<ManagedIdentityCredential>();
        connection.ClientId.Should().Be(ClientId);
    }

    [Fact]
    public void A_service_uri_wins_over_the_one_derived_from_the_account_name()
    {
        var connection = Read(
            ("AzureWebJobsStorage:accountName", "rcuk"),
            ("AzureWebJobsStorage:tableServiceUri", "https://rcuk-secondary.table.core.windows.net"));

        connection.TableServiceUri.Should().Be(new Uri("https://rcuk-secondary.table.core.windows.net"));
        connection.BlobServiceUri.Should().Be(new Uri("https://rcuk.blob.core.windows.net/"));
    }

    [Fact]
    public void A_connection_string_wins_over_identity_settings_as_in_azure_functions()
    {
        var connection = Read(("AzureWebJobsStorage", StorageConnection.DevelopmentStorage), ("AzureWebJobsStorage:accountName", "rcuk"));

        connection.ConnectionString.Should().Be(StorageConnection.DevelopmentStorage);
        connection.Credential.Should().BeNull();
    }

    [Fact]
    public void An_empty_connection_string_leaves_the_identity_settings_in_force()
    {
        var connection = Read(("AzureWebJobsStorage", ""), ("AzureWebJobsStorage:accountName", "rcuk"));

        connection.ConnectionString.Should().BeNull();
        connection.TableServiceUri.Should().Be(new Uri("https://rcuk.table.core.windows.net/"));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage is not set", null, null)]
    [InlineData("AzureWebJobsStorage__tableServiceUri must be an absolute https URI", "tableServiceUri", "rcuk.table.core.windows.net")]
    [InlineData("AzureWebJobsStorage__tableServiceUri must be an absolute https URI", "tableServiceUri", "http://rcuk.table.core.windows.net")]
    [InlineData("AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__queueServiceUri must be set too", "tableServiceUri", "https://rcuk.table.core.windows.net")]
    [InlineData("AzureWebJobsStorage__accountName must be a storage account name", "accountName", "RC_UK")]
    public void A_bad_setting_is_refused_naming_the_setting(string expected, string? key, string? value)
    {
        var settings = key is null ? [] : new[] { ($"AzureWebJobsStorage:{key}", value!) };

        var read = () => Read(settings);

        read.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("clientId", "not-a-guid", "AzureWebJobsStorage__clientId must be the managed identity's client id")]
    [InlineData("credential", "clientsecret", "AzureWebJobsStorage__credential must be \"managedidentity\"")]
    public void A_bad_identity_setting_is_refused_naming_the_setting(string key, string value, string expected)
    {
        var read = () => Read(("AzureWebJobsStorage:accountName", "rcuk"), ($"AzureWebJobsStorage:{key}", value));

        read.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_quoting_it()
    {
        var read = () => Read(("AzureWebJobsStorage", "AccountName=rcuk;AccountKey=c2VjcmV0LWtleQ==;Protocol=oops"));

        var message = read.Should().Throw<InvalidOperationException>().Which.Message;
        message.Should().Contain("AzureWebJobsStorage is not an Azure Storage connection string");
        message.Should().NotContain("c2VjcmV0LWtleQ==", "a connection string holds the account key");
    }

    private static StorageConnection Read(params (string Key, string Value)[] settings) =>
        StorageConnection.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()
            .GetSection(StorageConnection.Section));
}
