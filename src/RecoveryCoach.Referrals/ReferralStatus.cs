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

    /// <summary>Eligible and with a team, which makes first contact.</summary>
    Allocated,
}
