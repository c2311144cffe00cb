namespace RecoveryCoach.Referrals.Rules.WhatIf;

/// <summary>
/// What the rules decided about a referral, reduced to what a what-if compares: eligible or not
/// with the unmet criteria, the team or triage, and the journey values. Nothing about the person.
/// </summary>
/// <param name="Unmet">The names of the criteria not met.</param>
/// <param name="Team">The team's code, <c>triage</c>, or null when not eligible.</param>
/// <param name="Rule">The allocation rule that decided; null when none did or it is not known.</param>
/// <param name="ChosenAtTriage">The team a team lead chose afterwards, for a referral the rules sent to triage.</param>
/// <param name="Criteria">Each criterion's name and whether it was met.</param>
/// <param name="Journey">The journey values; null when not eligible.</param>
/// <param name="JourneyRules">Which rule gave each journey value, when known.</param>
internal sealed record DecisionOutcome(
    bool Eligible,
    IReadOnlyList<string> Unmet,
    string? Team,
    string? Rule,
    string? ChosenAtTriage,
    IReadOnlyDictionary<string, bool> Criteria,
    JourneyValues? Journey,
    IReadOnlyDictionary<string, string> JourneyRules)
{
    private const string Triage = "triage";

    /// <summary>The outcome the rules gave a stored referral, not what staff did since: a team chosen at triage still counts as triage.</summary>
    public static DecisionOutcome Stored(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var eligibility = referral.Eligibility!;
        var allocation = referral.Allocation;

        // Rules always name the rule that gives a team; a team with no rule was chosen by a team lead.
        var chosenAtTriage = allocation is { Team: { } chosen, Rule: null } ? chosen.Code : null;
        var team = allocation is null ? null : chosenAtTriage is not null || allocation.Team is null ? Triage : allocation.Team.Code;
        return new DecisionOutcome(
            eligibility.Eligible,
            [.. eligibility.Criteria.Where(c => !c.Met).Select(c => c.Criterion)],
            eligibility.Eligible ? team : null,
            allocation?.Rule,
            chosenAtTriage,
            eligibility.Criteria.GroupBy(c => c.Criterion, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Met, StringComparer.Ordinal),
            eligibility.Eligible ? referral.Journey : null,
            new Dictionary<string, string>());
    }

    public static DecisionOutcome Of(RulesDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var eligibility = decision.Eligibility;
        return new DecisionOutcome(
            eligibility.Eligible,
            [.. eligibility.Criteria.Where(c => !c.Met).Select(c => c.Criterion)],
            decision.Allocation is { } allocation ? allocation.Team?.Code ?? Triage : null,
            decision.Allocation?.Rule,
            null,
            eligibility.Criteria.GroupBy(c => c.Criterion, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Met, StringComparer.Ordinal),
            decision.Journey,
            decision.JourneyRules);
    }

    /// <summary>The journey values that differ between two outcomes that both have them.</summary>
    public IReadOnlyList<string> JourneyDifferences(DecisionOutcome other) =>
        Journey is null || other.Journey is null ? [] : [.. JourneyValues.Names.Where(n => Journey.Get(n) != other.Journey.Get(n))];

    public bool SameAs(DecisionOutcome other) =>
        Eligible == other.Eligible
        && Unmet.Order(StringComparer.Ordinal).SequenceEqual(other.Unmet.Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && Team == other.Team
        && JourneyDifferences(other).Count == 0;

    /// <summary>In words, with the journey values named in <paramref name="values"/>: <c>cambridge by "Cambridge"; FirstContactDays 7</c>.</summary>
    public string Describe(IReadOnlyList<string> values)
    {
        var text = !Eligible ? $"not eligible (unmet: {string.Join(", ", Unmet)})"
            : Team == Triage ? (Rule is null ? "triage" : $"triage by \"{Rule}\"") + (ChosenAtTriage is null ? string.Empty : $", then {ChosenAtTriage} chosen by a team lead")
            : Rule is null ? Team! : $"{Team} by \"{Rule}\"";
        return Journey is null || values.Count == 0
            ? text
            : text + "; " + string.Join(", ", values.Select(v => $"{v} {JourneyValues.Format(Journey.Get(v))}"));
    }
}
