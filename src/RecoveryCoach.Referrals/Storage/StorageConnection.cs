using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// The storage account, read once from the <c>AzureWebJobsStorage</c> settings in the forms the
/// Azure Functions host reads them, so the web app, the Functions app (whose host reads the same
/// settings for the task hub) and the CLI always reach one account the same way:
/// <list type="bullet">
/// <item>a connection string in <c>AzureWebJobsStorage</c> itself (Azurite locally);</item>
/// <item><c>AzureWebJobsStorage__accountName</c>, endpoints derived in Azure's public cloud;</item>
/// <item><c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c> and <c>__tableServiceUri</c>,
/// each of which also wins over the one derived from an account name;</item>
/// </list>
/// with, for the last two, <c>__credential=managedidentity</c> and <c>__clientId</c> for a
/// user-assigned identity. As in Functions, a connection string wins over identity settings.
/// </summary>
public sealed partial class StorageConnection
{
    /// <summary>The setting, and the prefix of its identity-based parts.</summary>
    public const string Section = "AzureWebJobsStorage";

    /// <summary>Azurite on its default ports.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private const string ManagedIdentity = "managedidentity";

    private StorageConnection(string? connectionString, Uri blob, Uri queue, Uri table, TokenCredential? credential, string? clientId)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
        ClientId = clientId;
    }

    /// <summary>The connection string, or null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    public Uri BlobServiceUri { get; }

    public Uri QueueServiceUri { get; }

    public Uri TableServiceUri { get; }

    /// <summary>
    /// Null with a connection string. <see cref="ManagedIdentityCredential"/> with
    /// <c>__credential=managedidentity</c>, as the Functions host builds it; otherwise
    /// <see cref="DefaultAzureCredential"/>, which on a developer's machine signs in as the developer.
    /// </summary>
    public TokenCredential? Credential { get; }

    /// <summary>The user-assigned managed identity's client id (<c>__clientId</c>); null for the system-assigned one.</summary>
    public string? ClientId { get; }

    /// <summary>How the account is reached, for the log; never a key.</summary>
    public string Form => Credential switch
    {
        null => "a connection string",
        ManagedIdentityCredential when ClientId is not null => $"the managed identity {ClientId}",
        ManagedIdentityCredential => "the system-assigned managed identity",
        _ when ClientId is not null => $"DefaultAzureCredential (managed identity {ClientId})",
        _ => "DefaultAzureCredential",
    };

    /// <summary>Reads the <c>AzureWebJobsStorage</c> section.</summary>
    /// <exception cref="InvalidOperationException">Nothing is set, or a setting is malformed; the message names the setting, never its value.</exception>
    public static StorageConnection FromConfiguration(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var name = section.Path.Replace(":", "__", StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value, name);
        }

        var account = Setting(section, "accountName");
        if (account is not null && !AccountName().IsMatch(account))
        {
            throw Invalid($"{name}__accountName must be a storage account name: 3 to 24 lower-case letters and digits.");
        }

        var blob = ServiceUri(section, name, "blob", account);
        var queue = ServiceUri(section, name, "queue", account);
        var table = ServiceUri(section, name, "table", account);
        if (blob is null && queue is null && table is null)
        {
            throw Invalid($"{name} is not set. Give a connection string in {name}, or an identity-based connection: "
                + $"{name}__accountName, or {name}__blobServiceUri, {name}__queueServiceUri and {name}__tableServiceUri.");
        }

        var missing = new[] { ("blob", blob), ("queue", queue), ("table", table) }.Where(s => s.Item2 is null).Select(s => $"{name}__{s.Item1}ServiceUri").ToList();
        if (missing.Count > 0)
        {
            throw Invalid($"{string.Join(" and ", missing)} must be set too: the service uses blobs, queues and tables (or give {name}__accountName).");
        }

        var clientId = Setting(section, "clientId");
        if (clientId is not null && !Guid.TryParse(clientId, out _))
        {
            throw Invalid($"{name}__clientId must be the managed identity's client id, a GUID.");
        }

        return new StorageConnection(null, blob!, queue!, table!, CredentialFor(Setting(section, "credential"), clientId, name), clientId);
    }

    /// <summary>A connection string, such as <see cref="DevelopmentStorage"/> or one a command line gave.</summary>
    /// <param name="source">The setting or option it came from, for the error message.</param>
    /// <exception cref="InvalidOperationException">It is not a storage connection string.</exception>
    public static StorageConnection FromConnectionString(string connectionString, string source = Section)
    {
        try
        {
            // Each client parses it as it will use it; a connection string without an endpoint fails here, not on first use.
            return new StorageConnection(
                connectionString,
                new BlobServiceClient(connectionString).Uri,
                new QueueServiceClient(connectionString).Uri,
                new TableServiceClient(connectionString).Uri,
                credential: null,
                clientId: null);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The message of the parser's exception may quote the string, key and all.
            throw Invalid($"{source} is not an Azure Storage connection string with blob, queue and table endpoints.");
        }
    }

    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is { } connection ? new TableServiceClient(connection) : new TableServiceClient(TableServiceUri, Credential!);

    public QueueServiceClient CreateQueueServiceClient() =>
        ConnectionString is { } connection ? new QueueServiceClient(connection) : new QueueServiceClient(QueueServiceUri, Credential!);

    public BlobServiceClient CreateBlobServiceClient() =>
        ConnectionString is { } connection ? new BlobServiceClient(connection) : new BlobServiceClient(BlobServiceUri, Credential!);

    private static TokenCredential CredentialFor(string? kind, string? clientId, string name)
    {
        if (kind is null)
        {
            return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        }

        if (!string.Equals(kind, ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"{name}__credential must be \"{ManagedIdentity}\", or left out for DefaultAzureCredential.");
        }

        return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static Uri? ServiceUri(IConfigurationSection section, string name, string service, string? account)
    {
        var setting = $"{service}ServiceUri";
        if (Setting(section, setting) is not { } text)
        {
            return account is null ? null : new Uri($"https://{account}.{service}.core.windows.net/");
        }

        // Bearer tokens go over HTTPS only; the storage clients would refuse them on first use.
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query)
            ? uri
            : throw Invalid($"{name}__{setting} must be an absolute https URI, such as https://account.{service}.core.windows.net.");
    }

    private static string? Setting(IConfigurationSection section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static InvalidOperationException Invalid(string message) => new($"Storage settings: {message}");

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();
}
