using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Rules.WhatIf;

/// <summary>
/// Decides the stored referrals of a period again with other rules and reports each decision
/// that would change, so a policy owner sees what a change would have done to real referrals
/// before it goes live. It only reads: nothing is decided for real, stored or sent.
/// </summary>
public static class WhatIfAnalysis
{
    /// <summary>Decides again every referral submitted since <paramref name="since"/> that the rules have decided.</summary>
    /// <exception cref="RulesetException">A rule could not be evaluated for one of the referrals.</exception>
    public static async Task<WhatIfReport> RunAsync(Ruleset rules, ReferralStore referrals, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(referrals);
        var considered = 0;
        var undecided = 0;
        var changes = new List<WhatIfChange>();
        foreach (var record in await referrals.SubmittedSinceAsync(since, cancellationToken).ConfigureAwait(false))
        {
            var referral = record.Referral;
            if (referral.Eligibility is null)
            {
                undecided++;
                continue;
            }

            considered++;
            var before = DecisionOutcome.Stored(referral);
            var after = DecisionOutcome.Of(await rules.DecideAsync(
                EligibilityFacts.For(referral.Details, UkDate.Of(referral.SubmittedAt)),
                AllocationFacts.For(referral.Details.Person.Postcode)).ConfigureAwait(false));
            if (!before.SameAs(after))
            {
                var values = before.JourneyDifferences(after);
                changes.Add(new WhatIfChange(referral.Reference, referral.SubmittedAt, referral.Eligibility.RulesetVersion, before.Describe(values), after.Describe(values), RulesBehind(before, after, values)));
            }
        }

        return new WhatIfReport(rules.Version, since, considered, undecided, changes);
    }

    /// <summary>The rules whose outcome differs: criteria met in one and not the other, the allocation rules behind a new team, the journey rules now giving changed values.</summary>
    private static List<string> RulesBehind(DecisionOutcome before, DecisionOutcome after, IReadOnlyList<string> values)
    {
        var rules = new List<string>();
        foreach (var criterion in before.Criteria.Keys.Union(after.Criteria.Keys, StringComparer.Ordinal))
        {
            if (before.Criteria.GetValueOrDefault(criterion) != after.Criteria.GetValueOrDefault(criterion) || !before.Criteria.ContainsKey(criterion) || !after.Criteria.ContainsKey(criterion))
            {
                rules.Add($"{Ruleset.EligibilityFile}:{criterion}");
            }
        }

        // When eligibility flips, the team follows from it; only a change of team between two eligible outcomes is the allocation rules' doing.
        if (before.Eligible && after.Eligible && before.Team != after.Team)
        {
            rules.AddRange(new[] { before.Rule, after.Rule }.OfType<string>().Distinct(StringComparer.Ordinal).Select(rule => $"{Ruleset.AllocationFile}:{rule}"));
        }

        rules.AddRange(values.Select(v => after.JourneyRules.TryGetValue(v, out var rule) ? $"{Ruleset.JourneyFile}:{rule}" : $"{Ruleset.JourneyFile}:{v}"));
        return rules;
    }
}
