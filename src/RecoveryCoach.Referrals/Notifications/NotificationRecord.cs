namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// The outcome of one email about a referral. A failure is kept on the referral, so nobody
/// believes a message went out when it did not.
/// </summary>
/// <param name="Key">Which email this is, unique within the referral, such as <c>acknowledgement-referrer</c>.</param>
/// <param name="Recipient">The role the email was for (referrer, person, team inbox), never the address.</param>
/// <param name="Sent">Whether the SMTP server accepted it.</param>
/// <param name="AttemptedAt">When it was last tried.</param>
/// <param name="Failure">Why it failed, without personal data; null when sent.</param>
public sealed record NotificationRecord(string Key, string Recipient, bool Sent, DateTimeOffset AttemptedAt, string? Failure);
