using System.Globalization;
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
    /// <exception cref="RulesetException">A value has no matching rule, or is out of range: a duration more than 0 and at most 365 days, a count a whole number from 1 to 365.</exception>
    public async Task<JourneyValues> DecideJourneyAsync(JourneyFacts facts) => (await TraceJourneyAsync(facts).ConfigureAwait(false)).Values;

    /// <summary>The journey values and, for each, the name of the rule that gave it.</summary>
    /// <exception cref="RulesetException">A value has no matching rule, or is out of range; every such value is reported.</exception>
    internal async Task<JourneyTrace> TraceJourneyAsync(JourneyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var results = await ExecuteAsync(JourneyWorkflow, facts).ConfigureAwait(false);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var result in results.Where(r => r.IsSuccess && ValueOf(r.Rule) is { } name && !rules.ContainsKey(name)))
        {
            var name = ValueOf(result.Rule)!;
            var output = result.ActionResult?.Output;
            rules[name] = result.Rule.RuleName;
            if (InRange(name, output) is { } value)
            {
                values[name] = value;
            }
            else
            {
                errors.Add($"{JourneyFile}:{result.Rule.RuleName}: {name} must be {(JourneyValues.IsDuration(name) ? "a number of days greater than 0 and at most 365" : "a whole number from 1 to 365")}, not {Show(output)}");
            }
        }

        var missing = JourneyValues.Names.Where(n => !rules.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"{JourneyFile}: no rule matches for {string.Join(", ", missing)} (team '{facts.Team}')");
        }

        if (errors.Count > 0)
        {
            throw new RulesetException(errors);
        }

        return new JourneyTrace(facts, new JourneyValues(
            values[nameof(JourneyValues.TeamLeadDays)],
            values[nameof(JourneyValues.FirstContactDays)],
            values[nameof(JourneyValues.AgreementDays)],
            values[nameof(JourneyValues.ReminderIntervalDays)],
            values[nameof(JourneyValues.EscalateAfterDays)],
            (int)values[nameof(JourneyValues.ContactAttempts)],
            (int)values[nameof(JourneyValues.CheckInCadenceDays)],
            (int)values[nameof(JourneyValues.DefaultPlannedWeeks)],
            (int)values[nameof(JourneyValues.MinPlannedWeeks)],
            (int)values[nameof(JourneyValues.MaxPlannedWeeks)],
            (int)values[nameof(JourneyValues.MaxExtensionWeeks)],
            values[nameof(JourneyValues.ClosureReminderDays)],
            Version), rules);
    }

    /// <summary>
    /// A rule's output as the value it gives, or null when it is not one: a duration is any number
    /// more than 0 and at most 365 (a whole number or a fraction of a day), a count a whole number
    /// from 1 to 365. A fraction for a count is refused, never rounded.
    /// </summary>
    private static double? InRange(string name, object? output)
    {
        if (JourneyValues.IsDuration(name))
        {
            return output is int or long or short or byte or double or float or decimal
                && Convert.ToDouble(output, CultureInfo.InvariantCulture) is var days && days > 0 && days <= 365
                ? days
                : null;
        }

        return output is int or long or short or byte && Convert.ToInt64(output, CultureInfo.InvariantCulture) is var count and >= 1 and <= 365 ? count : null;
    }

    private static string Show(object? output) => output switch
    {
        null => "nothing",
        double or float or decimal => JourneyValues.Format(Convert.ToDouble(output, CultureInfo.InvariantCulture)),
        _ => Convert.ToString(output, CultureInfo.InvariantCulture) ?? "nothing",
    };

    private static void CheckEveryValueIsGiven(Workflow journey, List<string> errors)
    {
        foreach (var missing in JourneyValues.Names.Where(name => !(journey.Rules ?? []).Any(r => ValueOf(r) == name)))
        {
            errors.Add($"{JourneyFile}: no rule gives {missing}; add a rule with \"Properties\": {{ \"{ValueProperty}\": \"{missing}\" }}");
        }
    }

    /// <summary>Every team, and none for a referral awaiting triage, must get every value; the values each gets, or the errors.</summary>
    private List<JourneyTrace> TraceEveryTeam(List<string> errors)
    {
        var traces = new List<JourneyTrace>();
        foreach (var team in Team.All.Select(t => t.Code).Append(string.Empty))
        {
            try
            {
                traces.Add(TraceJourneyAsync(JourneyFacts.Sample with { Team = team }).GetAwaiter().GetResult());
            }
            catch (RulesetException ex)
            {
                errors.AddRange(ex.Errors.Except(errors, StringComparer.Ordinal));
            }
        }

        return traces;
    }

    private static string? ValueOf(Rule rule) =>
        rule.Properties is { } properties && properties.TryGetValue(ValueProperty, out var value) ? value?.ToString() : null;
}
