using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>Where the policy rule files live.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>
    /// The folder holding <c>eligibility.json</c> and <c>allocation.json</c>. A relative path is
    /// taken from the application's base directory, where the build copies <c>rules/</c>.
    /// </summary>
    [Required]
    public string Path { get; set; } = "rules";
}
