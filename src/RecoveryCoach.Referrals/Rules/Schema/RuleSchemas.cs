using System.Reflection;

namespace RecoveryCoach.Referrals.Rules.Schema;

/// <summary>
/// The schemas in <c>rules/schema/</c>, built into this assembly. They are compiled in rather than
/// read from the rules folder, so an edit to the folder can never loosen the checks on itself.
/// </summary>
public static class RuleSchemas
{
    private static readonly Lazy<JsonSchema> EligibilitySchema = new(() => Read("eligibility"));
    private static readonly Lazy<JsonSchema> AllocationSchema = new(() => Read("allocation"));
    private static readonly Lazy<JsonSchema> JourneySchema = new(() => Read("journey"));
    private static readonly Lazy<JsonSchema> TestsSchema = new(() => Read("tests"));

    /// <summary>The schema of test case files in <c>rules/tests/</c>.</summary>
    public static JsonSchema Tests => TestsSchema.Value;

    /// <summary>The schema of one rule file, by its name (<c>eligibility.json</c>).</summary>
    public static JsonSchema For(string ruleFile) => ruleFile switch
    {
        Ruleset.EligibilityFile => EligibilitySchema.Value,
        Ruleset.AllocationFile => AllocationSchema.Value,
        Ruleset.JourneyFile => JourneySchema.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(ruleFile), ruleFile, "Not a rule file."),
    };

    private static JsonSchema Read(string name)
    {
        var resource = $"RecoveryCoach.Rules.Schema.{name}.schema.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The schema {resource} is not built into the assembly.");
        using var reader = new StreamReader(stream);
        return JsonSchema.Parse(reader.ReadToEnd());
    }
}
