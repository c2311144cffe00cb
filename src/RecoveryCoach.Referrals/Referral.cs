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
/// <param name="Coach">The staff member who held the initial conversation, to whom later tasks go.</param>
/// <param name="Plan">The coaching agreement, once recorded.</param>
/// <param name="DischargedOn">When the person was discharged from the trust; coaching continues after it.</param>
/// <param name="Closure">Why and how the journey ended, once it has.</param>
/// <param name="FirstContactAt">When the team first reached the person, as the initial conversation recorded it; null until then, and for someone never reached.</param>
/// <param name="DeleteAfter">When everything held about the referral must go (<see cref="Retention.RetentionSchedule"/>); null while it is open.</param>
/// <param name="LegalHold">An admin has stopped its deletion, whatever <paramref name="DeleteAfter"/> says, until the hold is cleared.</param>
public sealed record Referral(
    string Id,
    string Reference,
    ReferralStatus Status,
    ReferralDetails Details,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    EligibilityDecision? Eligibility,
    AllocationDecision? Allocation,
    JourneyValues? Journey = null,
    string? Coach = null,
    CoachingPlan? Plan = null,
    DateOnly? DischargedOn = null,
    ClosureRecord? Closure = null,
    DateTimeOffset? FirstContactAt = null,
    DateTimeOffset? DeleteAfter = null,
    bool LegalHold = false)
{
    /// <summary>
    /// Whether <paramref name="id"/> has the shape of a referral id (32 lower-case hexadecimal
    /// characters), so a malformed one is turned away before storage is asked.
    /// </summary>
    public static bool IsWellFormedId(string id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The team whose referral this is; null while awaiting triage or when ineligible.</summary>
    public string? TeamCode => Allocation?.Team?.Code;

    /// <summary>The journey has ended, or never began: no task on it can be done.</summary>
    public bool IsFinished => Status is ReferralStatus.Closed or ReferralStatus.Ineligible;

    /// <summary>Where it stands as anyone with its link may be told.</summary>
    public PublicStatus PublicStatus => Status switch
    {
        ReferralStatus.Received => PublicStatus.Received,
        ReferralStatus.AwaitingTriage or ReferralStatus.Allocated => PublicStatus.BeingLookedAt,
        ReferralStatus.Agreeing or ReferralStatus.Coaching => PublicStatus.Accepted,
        ReferralStatus.Ineligible => PublicStatus.NotAccepted,
        ReferralStatus.Closed => PublicStatus.Closed,
        _ => throw new InvalidOperationException($"Referral status {Status} has no public status."),
    };
}
