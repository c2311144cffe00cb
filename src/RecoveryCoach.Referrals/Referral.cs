using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals;

/// <summary>A referral as the service holds it: what was submitted and what was decided.</summary>
/// <param name="Id">The unguessable id used in URLs and, later, as the orchestration instance id.</param>
/// <param name="Reference">The short reference people quote on the phone, such as <c>RC-7K3M9Q</c>.</param>
/// <param name="Status">Where the referral stands.</param>
/// <param name="Details">What the referrer submitted, validated.</param>
/// <param name="SubmittedAt">When the service accepted it.</param>
/// <param name="UpdatedAt">When anything about it last changed.</param>
/// <param name="Eligibility">The rules' decision on the service's criteria; null until decided.</param>
/// <param name="Allocation">The team, for an eligible referral; null for an ineligible one or until decided.</param>
/// <param name="Journey">The durations and counts the referral's journey runs on, fixed when it was decided.</param>
public sealed record Referral(
    string Id,
    string Reference,
    ReferralStatus Status,
    ReferralDetails Details,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    EligibilityDecision? Eligibility,
    AllocationDecision? Allocation,
    JourneyValues? Journey = null);
