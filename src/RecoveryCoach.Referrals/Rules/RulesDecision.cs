namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// Everything the rules decide about one referral, made by one ruleset: eligibility, then for an
/// eligible referral its team and the values its journey runs on.
/// </summary>
/// <param name="Allocation">The team; null when the referral is not eligible.</param>
/// <param name="Journey">The journey's durations and counts; null when the referral is not eligible.</param>
/// <param name="JourneyRules">Which journey rule gave each value, by the value's name; empty when not eligible.</param>
public sealed record RulesDecision(
    EligibilityDecision Eligibility,
    AllocationDecision? Allocation,
    JourneyValues? Journey,
    IReadOnlyDictionary<string, string> JourneyRules);
