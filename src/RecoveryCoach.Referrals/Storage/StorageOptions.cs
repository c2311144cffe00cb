using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>Where the referral tables live. The host sets the prefix; the account comes from <c>AzureWebJobsStorage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The storage account (<see cref="StorageConnection"/>), read from <c>AzureWebJobsStorage</c>
    /// unless the host gives one.
    /// </summary>
    [Required]
    public StorageConnection? Connection { get; set; }

    /// <summary>
    /// What every referral table's name starts with: the task hub's name, so a hub's referrals
    /// and the journeys that carry them are kept, found and removed together.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The table prefix must be 3 to 45 letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "RecoveryCoach";
}
