namespace RecoveryCoach.Referrals.Intake;

/// <summary>How a referral reached the service; counted, never stored.</summary>
public enum ReferralChannel
{
    /// <summary><c>POST /api/referrals</c>, from a referrer's system.</summary>
    Api,

    /// <summary>The referral form on the web pages.</summary>
    Form,

    /// <summary>A record system, as a FHIR ServiceRequest.</summary>
    Fhir,
}
