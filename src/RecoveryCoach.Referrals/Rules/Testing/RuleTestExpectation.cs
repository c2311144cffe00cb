using System.Text.Json;

namespace RecoveryCoach.Referrals.Rules.Testing;

/// <summary>What a test case says the rules must decide. Only what it gives is checked.</summary>
/// <param name="Eligible">Whether the referral is eligible.</param>
/// <param name="Unmet">The names of exactly the criteria not met, in any order.</param>
/// <param name="Team">The team's code, or <c>triage</c>.</param>
/// <param name="RuleGiven">Whether the case checks the allocation rule; <paramref name="Rule"/> may then be null for "no rule".</param>
/// <param name="Rule">The allocation rule that decided, or null for none.</param>
/// <param name="Journey">Journey values by name; a duration may be a fraction of a day.</param>
public sealed record RuleTestExpectation(
    bool? Eligible,
    IReadOnlyList<string>? Unmet,
    string? Team,
    bool RuleGiven,
    string? Rule,
    IReadOnlyDictionary<string, double>? Journey)
{
    internal static RuleTestExpectation Read(JsonElement expect, List<string> problems)
    {
        var eligible = expect.TryGetProperty(nameof(Eligible), out var e) ? e.GetBoolean() : (bool?)null;
        var unmet = expect.TryGetProperty(nameof(Unmet), out var u) ? u.EnumerateArray().Select(n => n.GetString()!).ToList() : null;
        var team = expect.TryGetProperty(nameof(Team), out var t) ? t.GetString() : null;
        var ruleGiven = expect.TryGetProperty(nameof(Rule), out var r);
        var journey = expect.TryGetProperty(nameof(Journey), out var j)
            ? j.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetDouble(), StringComparer.Ordinal)
            : null;

        if (eligible is null && unmet is null && team is null && !ruleGiven && journey is null)
        {
            problems.Add("Expect checks nothing; give Eligible, Unmet, Team, Rule or Journey");
        }

        if (eligible == true && unmet is { Count: > 0 })
        {
            problems.Add("Expect says Eligible but lists Unmet criteria");
        }

        if (eligible == false && (team is not null || ruleGiven || journey is not null))
        {
            problems.Add("Expect says not Eligible, so there is no Team, Rule or Journey to check");
        }

        return new RuleTestExpectation(eligible, unmet, team, ruleGiven, ruleGiven && r.ValueKind == JsonValueKind.String ? r.GetString() : null, journey);
    }
}
