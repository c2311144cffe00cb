using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>Where the policy rule files live.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>
    /// The folder holding <c>eligibility.json</c>, <c>allocation.json</c> and <c>journey.json</c>. A relative path is
    /// taken from the application's base directory, where the build copies <c>rules/</c>.
    /// </summary>
    [Required]
    public string Path { get; set; } = "rules";

    /// <summary>
    /// How long the rule files must be left alone after a change before they are read again.
    /// Saving raises several events, and a policy owner may save the three files in turn; the
    /// rules are read once, whole, after the last of them.
    /// </summary>
    [Range(50, 60_000)]
    public int ReloadDelayMilliseconds { get; set; } = 500;
}
