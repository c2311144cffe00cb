using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Notifications;

namespace RecoveryCoach.Referrals.Journey;

/// <param name="Emails">Which emails; each is sent at most once, however often this runs.</param>
public sealed record EmailsToSend(string ReferralId, IReadOnlyList<JourneyEmail> Emails);

/// <summary>
/// Sends journey emails and records each outcome on the referral. If any fails, the activity
/// fails after recording what it did, and the journey's retry policy tries the rest later.
/// </summary>
public sealed class SendJourneyEmailsActivity(ReferralNotifier notifier) : TaskActivity<EmailsToSend, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, EmailsToSend input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var failed = await notifier.SendJourneyEmailsAsync(input.ReferralId, input.Emails, CancellationToken.None).ConfigureAwait(false);
        return failed.Count == 0
            ? input.Emails.Count
            : throw new MailNotSentException($"Referral {input.ReferralId}: {failed.Count} email(s) not sent yet ({string.Join(", ", failed)}).");
    }
}
