namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// The outcome of one email about a referral. A failure is kept on the referral, so nobody
/// believes a message went out when it did not.
/// </summary>
/// <param name="Key">Which email this is, unique within the referral, such as <c>acknowledgement-referrer</c>.</param>
/// <param name="Recipient">The role the email was for (referrer, person, team inbox), never the address.</param>
/// <param name="Sent">Whether the SMTP server accepted it.</param>
/// <param name="AttemptedAt">When it was last tried.</param>
/// <param name="Failure">Why it failed or was withheld, without personal data; null when sent.</param>
/// <param name="Withheld">
/// Not sent, and never tried again, because its address had had the day's referral emails
/// (<see cref="RecipientMailLimit"/>).
/// </param>
public sealed record NotificationRecord(string Key, string Recipient, bool Sent, DateTimeOffset AttemptedAt, string? Failure, bool Withheld = false)
{
    /// <summary>Nothing more to do for it: sent, or withheld.</summary>
    public bool Settled => Sent || Withheld;
}
