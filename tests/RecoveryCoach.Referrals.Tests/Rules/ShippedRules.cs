using System.Text.Json;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

/// <summary>The rule files in <c>rules/</c>, copied next to the tests by the build.</summary>
internal static class ShippedRules
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "rules");

    private static readonly Lazy<Ruleset> Loaded = new(() => Ruleset.Load(Folder));

    /// <summary>The shipped rules, loaded once for every test that only reads them.</summary>
    public static Ruleset Ruleset => Loaded.Value;

    /// <summary>What the shipped eligibility file says the referrer is told when <paramref name="ruleName"/> is not met.</summary>
    public static string EligibilityErrorMessage(string ruleName)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, Ruleset.EligibilityFile)));
        return file.RootElement.GetProperty("Rules").EnumerateArray()
            .Single(rule => rule.GetProperty("RuleName").GetString() == ruleName)
            .GetProperty("ErrorMessage").GetString()!;
    }
}
