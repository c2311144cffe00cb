using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// Sends a referral's emails and records each outcome, sent, failed or withheld, on the
/// referral and in its audit trail, so an email that did not go is visible to anyone who looks
/// at the referral.
/// </summary>
public sealed class ReferralNotifier(
    ReferralEmails referralEmails,
    JourneyEmails journeyEmails,
    SmtpMailSender sender,
    RecipientMailLimit recipientLimit,
    ReferralStore store,
    TaskStore tasks,
    TimeProvider time,
    ILogger<ReferralNotifier> logger)
{
    private const int ConflictRetries = 3;
    private const int OutageRetries = 60;
    private static readonly TimeSpan OutageRetryDelay = TimeSpan.FromSeconds(3);
    private const string NotEmailed = "not-emailed";
    private static readonly IReadOnlySet<string> Unlimited = new HashSet<string>();

    /// <summary>
    /// Sends the emails a decided referral needs that have not been sent yet, and records each
    /// outcome. An email recorded as sent is never sent again. An acknowledgement, sent to an
    /// address the submitter gave, is withheld when that address has had the day's referral
    /// emails (<see cref="RecipientMailLimit"/>); the team's notice always goes.
    /// </summary>
    /// <returns>The referral as stored after the outcomes were recorded.</returns>
    public Task<ReferralRecord> NotifyDecidedAsync(ReferralRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var emails = referralEmails.ForAcceptedReferral(record.Referral);
        string[] notes = emails.Any(e => e.Key == ReferralEmails.AcknowledgementToReferrerKey)
            ? []
            : ["The referrer gave no email address, so no acknowledgement was emailed."];
        return SendAsync(record, new EmailBatch(emails, notes), ReferralEmails.Acknowledgements, cancellationToken);
    }

    /// <summary>Sends the journey emails asked for that have not been sent yet, and records each outcome.</summary>
    /// <returns>The keys of the emails that could not be sent; empty when all went.</returns>
    public async Task<IReadOnlyList<string>> SendJourneyEmailsAsync(string referralId, IReadOnlyList<JourneyEmail> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var record = await store.GetAsync(referralId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral {referralId} does not exist.");
        var referralTasks = (await tasks.ForReferralAsync(referralId, cancellationToken).ConfigureAwait(false)).Select(t => t.Task).ToList();
        var written = emails.Select(e => journeyEmails.Write(record, referralTasks, e)).ToList();
        var batch = new EmailBatch([.. written.SelectMany(b => b.Emails)], [.. written.SelectMany(b => b.NotEmailed)]);
        var after = await SendAsync(record, batch, cancellationToken).ConfigureAwait(false);
        var keys = batch.Emails.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        return [.. after.Notifications.Where(n => keys.Contains(n.Key) && !n.Sent).Select(n => n.Key)];
    }

    /// <summary>
    /// Sends the emails of <paramref name="batch"/> not yet sent, and records each outcome, sent
    /// or failed, and each note about someone who could not be emailed, on the referral's
    /// timeline. An email recorded as sent is never sent again; a note is recorded once.
    /// </summary>
    /// <returns>The referral as stored after the outcomes were recorded.</returns>
    public Task<ReferralRecord> SendAsync(ReferralRecord record, EmailBatch batch, CancellationToken cancellationToken) =>
        SendAsync(record, batch, Unlimited, cancellationToken);

    private async Task<ReferralRecord> SendAsync(ReferralRecord record, EmailBatch batch, IReadOnlySet<string> limited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(batch);
        var referral = record.Referral;
        var settled = record.Notifications.Where(n => n.Settled).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var toSend = new List<ReferralEmail>();
        var withheld = new List<ReferralEmail>();
        foreach (var email in batch.Emails.Where(e => !settled.Contains(e.Key)))
        {
            var allowed = !limited.Contains(email.Key) || await recipientLimit.TryCountAsync(email, cancellationToken).ConfigureAwait(false);
            (allowed ? toSend : withheld).Add(email);
        }

        // Each email accepted by the server is recorded before the next is sent, so a crash
        // part-way sends again only what was not yet recorded: at most the one email in flight.
        var now = time.GetUtcNow();
        var outcomes = await sender.SendAsync(toSend, (i, failure) => failure is null ? RecordSentAsync(toSend[i]) : Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        var notifications = new List<NotificationRecord>();
        var audit = new List<AuditEntry>();
        foreach (var email in withheld)
        {
            var reason = $"Withheld: the address has had {recipientLimit.PerDay} referral emails today.";
            notifications.Add(new NotificationRecord(email.Key, email.Recipient, Sent: false, now, reason, Withheld: true));
            logger.NotificationWithheld(referral.Id, email.Key, recipientLimit.PerDay);
            audit.Add(new AuditEntry(now, "service", "email-withheld", $"Email {email.Key} to the {email.Recipient} withheld: their address has had {recipientLimit.PerDay} referral emails today."));
        }

        for (var i = 0; i < toSend.Count; i++)
        {
            var (email, failure) = (toSend[i], outcomes[i]);
            if (failure is not null)
            {
                notifications.Add(new NotificationRecord(email.Key, email.Recipient, Sent: false, now, failure));
                logger.NotificationFailed(referral.Id, email.Key, failure);
                audit.Add(new AuditEntry(now, "service", "email-failed", $"Email {email.Key} to the {email.Recipient} failed: {failure}"));
            }
        }

        audit.AddRange(batch.NotEmailed
            .Where(note => !record.Audit.Any(a => a.Action == NotEmailed && a.Detail == note))
            .Select(note => new AuditEntry(now, "service", NotEmailed, note)));

        return notifications.Count == 0 && audit.Count == 0
            ? record
            : await RecordAsync(record, notifications, audit, now, cancellationToken).ConfigureAwait(false);

        async Task RecordSentAsync(ReferralEmail email)
        {
            logger.NotificationSent(referral.Id, email.Key);
            record = await RecordThroughOutageAsync(
                record,
                [new NotificationRecord(email.Key, email.Recipient, Sent: true, now, Failure: null)],
                [new AuditEntry(now, "service", "email-sent", $"Email {email.Key} sent to the {email.Recipient}.")],
                now,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records an email already sent, waiting out a storage outage of up to a few minutes: were
    /// the step to fail instead, its retry would send the email again.
    /// </summary>
    private async Task<ReferralRecord> RecordThroughOutageAsync(
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
                return await RecordAsync(record, notifications, audit, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageOutage.IsOutage(ex) && attempt < OutageRetries)
            {
                logger.NotificationRecordRetried(record.Referral.Id, notifications[0].Key, attempt);
                await Task.Delay(OutageRetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
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
