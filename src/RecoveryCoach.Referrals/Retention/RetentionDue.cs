namespace RecoveryCoach.Referrals.Retention;

/// <summary>One referral's line in the due index: when it is to be deleted, and the key its report facts take once they no longer name it.</summary>
/// <param name="FactsKey">A random key, drawn when the date is recorded, under which the referral's report facts are kept after the purge, so they are counted without naming it.</param>
public sealed record RetentionDue(string ReferralId, DateTimeOffset DeleteAfter, string FactsKey);
