namespace RecoveryCoach.Referrals;

/// <summary>Where a referral stands.</summary>
public enum ReferralStatus
{
    /// <summary>Stored and acknowledged to the client; the rules have not decided yet.</summary>
    Received,

    /// <summary>The person does not meet the criteria; the referrer is told why.</summary>
    Ineligible,

    /// <summary>Eligible, but no rule names a team: a team lead chooses one.</summary>
    AwaitingTriage,

    /// <summary>Eligible and with a team, which makes first contact and holds the initial conversation.</summary>
    Allocated,

    /// <summary>Coaching is right for the person; the coach and the person are agreeing what it will be.</summary>
    Agreeing,

    /// <summary>The coaching agreement is in place: sessions and check-ins.</summary>
    Coaching,

    /// <summary>The journey has ended; the closure says why.</summary>
    Closed,
}
