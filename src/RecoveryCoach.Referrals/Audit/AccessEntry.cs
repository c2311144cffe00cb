namespace RecoveryCoach.Referrals.Audit;

/// <summary>
/// One thing a member of staff did with people's records outside any one referral's timeline,
/// such as a search: who, what, when, and which referrals it showed them.
/// </summary>
/// <param name="At">When.</param>
/// <param name="Who">The member of staff's work email.</param>
/// <param name="Action">What they did, such as <c>search</c>.</param>
/// <param name="Detail">What they asked for, such as the words searched for.</param>
/// <param name="ReferralIds">The referrals it showed them.</param>
public sealed record AccessEntry(DateTimeOffset At, string Who, string Action, string Detail, IReadOnlyList<string> ReferralIds);
