namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// What an <c>Idempotency-Key</c> stands for: the referral it created and a hash of the request,
/// so a key reused for a different referral can be refused instead of answered wrongly.
/// </summary>
public sealed record IdempotencyClaim(string ReferralId, string Reference, string RequestHash);
