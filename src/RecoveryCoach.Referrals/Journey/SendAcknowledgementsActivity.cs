using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// Sends the emails a decided referral needs: the acknowledgements and the team's or team
/// leads' notice. Each email is keyed within the referral and skipped once recorded as sent, so
/// a retry never sends it twice; one withheld by the recipient's daily limit is never tried
/// again. If any fails, the activity fails after recording what it did,
/// and the journey's retry policy tries the rest again later.
/// </summary>
public sealed class SendAcknowledgementsActivity(ReferralStore referrals, ReferralNotifier notifier) : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = await referrals.GetAsync(input, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral {input} does not exist.");
        var after = await notifier.NotifyDecidedAsync(record, CancellationToken.None).ConfigureAwait(false);
        var failed = after.Notifications.Where(n => !n.Settled).Select(n => n.Key).ToList();
        return failed.Count == 0
            ? after.Notifications.Count
            : throw new MailNotSentException($"Referral {input}: {failed.Count} email(s) not sent yet ({string.Join(", ", failed)}).");
    }
}
