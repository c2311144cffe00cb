using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>Where referrals are kept.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The Azure Storage connection string, from the <c>AzureWebJobsStorage</c> setting as in
    /// Azure Functions. Locally this is Azurite.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// The task hub name from <c>host.json</c>. Every table name starts with it, so two
    /// deployments (or two test runs) on one storage account never see each other's data.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The task hub name must be 3 to 45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "RecoveryCoach";
}
