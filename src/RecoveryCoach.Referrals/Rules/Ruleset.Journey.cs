using RulesEngine.Models;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>The journey values: which rule gives each, and the checks that every team gets every one.</summary>
public sealed partial class Ruleset
{
    /// <summary>The journey rule property that names the value a rule gives.</summary>
    private const string ValueProperty = "value";

    /// <summary>
    /// Every journey value for one referral: for each, the first rule in file order that matches
    /// and gives it.
    /// </summary>
    /// <exception cref="RulesetException">A value has no matching rule, or is not a whole number from 1 to 365.</exception>
    public async Task<JourneyValues> DecideJourneyAsync(JourneyFacts facts) => (await TraceJourneyAsync(facts).ConfigureAwait(false)).Values;

    /// <summary>The journey values and, for each, the name of the rule that gave it.</summary>
    /// <exception cref="RulesetException">A value has no matching rule, or is not a whole number from 1 to 365.</exception>
    internal async Task<(JourneyValues Values, IReadOnlyDictionary<string, string> Rules)> TraceJourneyAsync(JourneyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var results = await ExecuteAsync(JourneyWorkflow, facts).ConfigureAwait(false);
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results.Where(r => r.IsSuccess && ValueOf(r.Rule) is { } name && !values.ContainsKey(name)))
        {
            var name = ValueOf(result.Rule)!;
            var output = result.ActionResult?.Output;
            if (output is not (int or long or short or byte) || Convert.ToInt64(output, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 365)
            {
                throw new RulesetException($"{JourneyFile}:{result.Rule.RuleName}: {name} must be a whole number from 1 to 365, not {output ?? "nothing"}");
            }

            values[name] = Convert.ToInt32(output, System.Globalization.CultureInfo.InvariantCulture);
            rules[name] = result.Rule.RuleName;
        }

        var missing = JourneyValues.Names.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new RulesetException($"{JourneyFile}: no rule matches for {string.Join(", ", missing)} (team '{facts.Team}')");
        }

        return (new JourneyValues(
            values[nameof(JourneyValues.TeamLeadDays)],
            values[nameof(JourneyValues.FirstContactDays)],
            values[nameof(JourneyValues.AgreementDays)],
            values[nameof(JourneyValues.ReminderIntervalDays)],
            values[nameof(JourneyValues.EscalateAfterDays)],
            values[nameof(JourneyValues.ContactAttempts)],
            values[nameof(JourneyValues.CheckInCadenceDays)],
            values[nameof(JourneyValues.DefaultPlannedWeeks)],
            values[nameof(JourneyValues.MinPlannedWeeks)],
            values[nameof(JourneyValues.MaxPlannedWeeks)],
            values[nameof(JourneyValues.MaxExtensionWeeks)],
            values[nameof(JourneyValues.ClosureReminderDays)],
            Version), rules);
    }

    private static void CheckEveryValueIsGiven(Workflow journey, List<string> errors)
    {
        foreach (var missing in JourneyValues.Names.Where(name => !(journey.Rules ?? []).Any(r => ValueOf(r) == name)))
        {
            errors.Add($"{JourneyFile}: no rule gives {missing}; add a rule with \"Properties\": {{ \"{ValueProperty}\": \"{missing}\" }}");
        }
    }

    /// <summary>Every team, and none for a referral awaiting triage, must get every value.</summary>
    private void CheckEveryTeamGetsEveryValue(List<string> errors)
    {
        foreach (var team in Team.All.Select(t => t.Code).Append(string.Empty))
        {
            try
            {
                DecideJourneyAsync(JourneyFacts.Sample with { Team = team }).GetAwaiter().GetResult();
            }
            catch (RulesetException ex)
            {
                errors.AddRange(ex.Errors.Except(errors, StringComparer.Ordinal));
            }
        }
    }

    private static string? ValueOf(Rule rule) =>
        rule.Properties is { } properties && properties.TryGetValue(ValueProperty, out var value) ? value?.ToString() : null;
}
