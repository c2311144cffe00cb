using MimeKit;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>An email about a referral and the notification key it is recorded under.</summary>
/// <param name="Key">Unique within the referral; an email recorded as sent under it is never sent again.</param>
/// <param name="Kind">Which of the service's emails this is, such as <c>task-reminder</c>: one of a few values, for telemetry.</param>
/// <param name="Recipient">The role it is for (referrer, care coordinator, team leads), never the address.</param>
public sealed record ReferralEmail(string Key, string Kind, string Recipient, MimeMessage Message)
{
    /// <summary>
    /// A plain-text email whose Message-Id comes from the referral and the key, so a retry is
    /// recognisable, and which carries the reference in a header for the team's mail rules.
    /// </summary>
    public static ReferralEmail Create(Referral referral, string kind, string key, string recipient, string address, string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var message = new MimeMessage
        {
            MessageId = $"{referral.Id}.{key}@recovery-coach",
            Subject = subject,
            Body = new TextPart("plain") { Text = body },
        };
        message.To.Add(MailboxAddress.Parse(address));
        message.Headers.Add("X-Referral-Reference", referral.Reference);
        return new ReferralEmail(key, kind, recipient, message);
    }
}
