using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>Where the referral tables live. The host sets both from its own settings.</summary>
public sealed class StorageOptions
{
    /// <summary>The Azure Storage connection string (<c>AzureWebJobsStorage</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// What every referral table's name starts with: the task hub's name, so a hub's referrals
    /// and the journeys that carry them are kept, found and removed together.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The table prefix must be 3 to 45 letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "RecoveryCoach";
}
