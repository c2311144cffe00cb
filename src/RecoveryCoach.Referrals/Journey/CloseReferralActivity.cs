using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Journey;

/// <param name="Reason">One of <see cref="ClosureReasons"/>; a closure task's own reason wins.</param>
public sealed record Closing(string ReferralId, string Reason);

/// <summary>
/// Closes a referral: its status, its closure record (the closure task's when there was one)
/// and a timeline line, then cancels any task still open, so nobody works on a closed
/// referral. A request to close early is let go: the referral is closed. Idempotent.
/// </summary>
public sealed class CloseReferralActivity(ReferralStore referrals, TaskStore tasks, PendingRequestStore pending, TimeProvider time) : TaskActivity<Closing, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, Closing input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var closed = await referrals.ApplyAsync(input.ReferralId, "closed", now, current =>
        {
            var closure = current.Referral.Closure is { } recorded ? recorded with { ClosedAt = now } : new ClosureRecord(now, input.Reason);
            AuditEntry line = new(now, "journey", "closed", $"Referral closed: {ClosureReasons.Describe(closure.Reason)}.");
            return (current.Referral with { Status = ReferralStatus.Closed, Closure = closure }, [line]);
        }, CancellationToken.None).ConfigureAwait(false);

        foreach (var (task, etag) in await tasks.ForReferralAsync(input.ReferralId, CancellationToken.None).ConfigureAwait(false))
        {
            if (task.Status == CoachTaskStatus.Open)
            {
                // A conflict means someone changed it just now; the next run of this activity cancels it.
                await tasks.UpdateAsync(task with { Status = CoachTaskStatus.Cancelled, CompletedAt = now }, etag, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await pending.ReleaseAsync(input.ReferralId, JourneyRequestKind.EarlyClosure, CancellationToken.None).ConfigureAwait(false);
        return closed.Referral.Closure!.Reason;
    }
}
