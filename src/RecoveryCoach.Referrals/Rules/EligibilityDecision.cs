namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// Whether a referral meets the service's criteria, with every criterion's result, so a decline
/// always says why and which rules decided it.
/// </summary>
public sealed record EligibilityDecision(bool Eligible, IReadOnlyList<CriterionResult> Criteria, string RulesetVersion);

/// <param name="Criterion">The rule's name, written for people: "Aged 17 to 65".</param>
/// <param name="Met">Whether the referral meets it.</param>
/// <param name="Reason">The rule's own words for this outcome.</param>
public sealed record CriterionResult(string Criterion, bool Met, string Reason);
