using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>
/// One data-protection key ring for every instance of the web app: in a blob of the service's
/// storage account, reached as <see cref="StorageConnection"/> says, each key wrapped by a Key Vault key when <see cref="DataProtectionOptions.KeyUri"/>
/// is set. Without it a restart or a second instance would refuse every sign-in cookie and
/// every form's antiforgery token.
/// </summary>
internal static class DataProtectionSetup
{
    /// <summary>Shared by every instance, so each accepts what another protected.</summary>
    public const string ApplicationName = "RecoveryCoach";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddOptions<DataProtectionOptions>().BindConfiguration(DataProtectionOptions.Section);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataProtectionOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Connection;
            return new KeyRingWrapping(options.KeyUri is { } keyUri ? new KeyVaultKeyWrapper(keyUri, storage?.Credential ?? new DefaultAzureCredential()) : null);
        });
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            var options = sp.GetRequiredService<IOptions<DataProtectionOptions>>().Value;
            var blobs = sp.GetRequiredService<BlobServiceClient>();
            keys.XmlRepository = new BlobXmlRepository(blobs.GetBlobContainerClient(options.ContainerName).GetBlobClient(options.BlobName));
            if (sp.GetRequiredService<KeyRingWrapping>().Wrapper is { } wrapper)
            {
                keys.XmlEncryptor = new WrappedKeyXmlEncryptor(wrapper);
            }
        }));
        return services;
    }
}

/// <summary>The key wrapper in force, if any: the decryptor, created by type, finds it here.</summary>
internal sealed record KeyRingWrapping(IKeyWrapper? Wrapper);
