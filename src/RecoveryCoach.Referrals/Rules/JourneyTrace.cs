namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// The journey values one referral gets and, for each, the rule that gave it: what a test case
/// checks, and what a policy owner is warned about when a value is allowed but probably not meant.
/// </summary>
/// <param name="Facts">What the journey rules saw.</param>
/// <param name="Values">The values they gave.</param>
/// <param name="Rules">The name of the rule that gave each value, by the value's name.</param>
public sealed record JourneyTrace(JourneyFacts Facts, JourneyValues Values, IReadOnlyDictionary<string, string> Rules);
