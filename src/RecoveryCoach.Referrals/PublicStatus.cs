namespace RecoveryCoach.Referrals;

/// <summary>
/// Where a referral stands in the words anyone with its link is told. It is coarse on purpose:
/// the link reaches the referrer, who may only know the person, so it never says how the
/// coaching goes, only whether the referral is being looked at, was taken on, or has closed.
/// </summary>
public enum PublicStatus
{
    /// <summary>Stored; the criteria have not been checked yet.</summary>
    Received,

    /// <summary>Eligible, and a team (or a team lead choosing one) is making first contact.</summary>
    BeingLookedAt,

    /// <summary>The person and a coach agreed coaching is right.</summary>
    Accepted,

    /// <summary>The referral does not meet the service's criteria.</summary>
    NotAccepted,

    /// <summary>The journey has ended.</summary>
    Closed,
}
