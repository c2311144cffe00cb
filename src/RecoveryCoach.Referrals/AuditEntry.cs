namespace RecoveryCoach.Referrals;

/// <summary>
/// One line of a referral's append-only audit trail: who did what, and when. The detail never
/// holds clinical free text.
/// </summary>
/// <param name="At">When it happened.</param>
/// <param name="Actor">Who or what acted: the referrer, the rules with their version, the service.</param>
/// <param name="Action">A stable name for what happened, such as <c>eligibility-decided</c>.</param>
/// <param name="Detail">What happened, in words a person can read.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Detail);
