namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>
/// Where the keys that protect sign-in and antiforgery cookies are kept. Every instance of the
/// web app reads the same blob, so a cookie issued by one is accepted by another and survives
/// a restart; a Key Vault key wraps each key before it is written.
/// </summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>The blob container, in the service's storage account, that holds the key ring.</summary>
    public string ContainerName { get; set; } = "dataprotection";

    /// <summary>The blob that holds the key ring.</summary>
    public string BlobName { get; set; } = "keys.xml";

    /// <summary>
    /// The Key Vault key (an RSA key, <c>https://{vault}.vault.azure.net/keys/{name}</c>) that
    /// wraps each data-protection key at rest. Unset locally, where keys are stored as they are.
    /// </summary>
    public Uri? KeyUri { get; set; }
}
