using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// Sends a new referral's emails and records each outcome, sent or failed, on the referral and
/// in its audit trail, so a failed email is visible to anyone who looks at the referral.
/// </summary>
public sealed class ReferralNotifier(
    ReferralEmails referralEmails,
    SmtpMailSender sender,
    ReferralStore store,
    TimeProvider time,
    ILogger<ReferralNotifier> logger)
{
    private const int ConflictRetries = 3;

    /// <summary>
    /// Sends the emails a decided referral needs that have not been sent yet, and records each
    /// outcome. An email recorded as sent is never sent again.
    /// </summary>
    /// <returns>The referral as stored after the outcomes were recorded.</returns>
    public async Task<ReferralRecord> NotifyDecidedAsync(ReferralRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var referral = record.Referral;
        var sentBefore = record.Notifications.Where(n => n.Sent).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var emails = referralEmails.ForAcceptedReferral(referral);
        var toSend = emails.Where(e => !sentBefore.Contains(e.Key)).ToList();
        var outcomes = await sender.SendAsync([.. toSend.Select(e => e.Message)], cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var notifications = new List<NotificationRecord>();
        var audit = new List<AuditEntry>();
        for (var i = 0; i < toSend.Count; i++)
        {
            var (email, failure) = (toSend[i], outcomes[i]);
            notifications.Add(new NotificationRecord(email.Key, email.Recipient, failure is null, now, failure));
            if (failure is null)
            {
                logger.NotificationSent(referral.Id, email.Key);
                audit.Add(new AuditEntry(now, "service", "email-sent", $"Email {email.Key} sent to the {email.Recipient}."));
            }
            else
            {
                logger.NotificationFailed(referral.Id, email.Key, failure);
                audit.Add(new AuditEntry(now, "service", "email-failed", $"Email {email.Key} to the {email.Recipient} failed: {failure}"));
            }
        }

        if (!emails.Any(e => e.Key == ReferralEmails.AcknowledgementToReferrerKey) && !record.Audit.Any(a => a.Action == "referrer-not-emailed"))
        {
            audit.Add(new AuditEntry(now, "service", "referrer-not-emailed", "The referrer gave no email address, so no acknowledgement was emailed."));
        }

        return notifications.Count == 0 && audit.Count == 0
            ? record
            : await RecordAsync(record, notifications, audit, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReferralRecord> RecordAsync(
        ReferralRecord record,
        List<NotificationRecord> notifications,
        List<AuditEntry> audit,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.RecordNotificationsAsync(record, notifications, audit, now, cancellationToken).ConfigureAwait(false);
                return await store.GetAsync(record.Referral.Id, cancellationToken).ConfigureAwait(false) ?? record;
            }
            catch (ReferralConflictException) when (attempt < ConflictRetries)
            {
                record = await store.GetAsync(record.Referral.Id, cancellationToken).ConfigureAwait(false) ?? record;
            }
        }
    }
}
