using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// Deletes everything held for each referral past its date (<see cref="RetentionSchedule"/>)
/// that is not under a legal hold, and leaves a <see cref="Tombstone"/>. The steps run in an
/// order that any of them can be cut short and run again: first what needs the referral whole
/// (the tombstone, the report facts moved to a key that does not name it, the mail counts of
/// its days), then what is found by its id alone, the journey, the referral's own rows with the
/// referral row last, and the line in the due index at the very end, so the next run finds a
/// purge left unfinished and finishes it. Any number of runs may go at once.
/// </summary>
public sealed class RetentionPurge(
    RetentionIndex index,
    Tombstones tombstones,
    ReferralStore referrals,
    ReferralEraser eraser,
    TaskStore tasks,
    ReferralKeyStore keys,
    Intake.ReferralSenderStore senders,
    CaseloadIndex caseload,
    ReportFacts facts,
    RecipientMailLimit mailCounts,
    AccessLog accessLog,
    DurableTaskClient journeys,
    ILogger<RetentionPurge> logger)
{
    /// <summary>Days after a referral's last change that its emails may still have been counted on: retries go on for about a day.</summary>
    private const int MailDaysAfter = 2;

    /// <summary>Called after each named step, so a test can cut a purge short there.</summary>
    internal Func<string, Task> StepDone { get; set; } = _ => Task.CompletedTask;

    /// <summary>Purges every referral due at <paramref name="now"/>; one that fails is logged and left for the next run.</summary>
    /// <returns>How many referrals were purged.</returns>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purged = 0;
        foreach (var due in await index.DueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                purged += await PurgeAsync(due, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (RequestFailedException ex)
            {
                logger.PurgeFailed(ex);
            }
        }

        return purged;
    }

    private async Task<bool> PurgeAsync(RetentionDue due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await referrals.GetAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        var referral = record?.Referral;
        if (referral is not null && !await ReadyAsync(referral, due, now, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var journey = await journeys.GetInstanceAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        if (journey is { IsCompleted: false })
        {
            logger.PurgeJourneyNotFinished(referral?.Reference ?? "(partly purged)", journey.RuntimeStatus);
            return false;
        }

        if (record is not null && referral is not null)
        {
            await tombstones.WriteAsync(
                new Tombstone(referral.Reference, referral.SubmittedAt, record.DecidedAt, referral.Closure?.ClosedAt, referral.TeamCode, referral.Status, referral.Closure?.Reason, now),
                cancellationToken).ConfigureAwait(false);
            await StepAsync("tombstone").ConfigureAwait(false);
            await facts.AnonymiseAsync(referral, due.FactsKey, cancellationToken).ConfigureAwait(false);
            await StepAsync("report-facts").ConfigureAwait(false);
            var lastChange = referral.Closure?.ClosedAt > referral.UpdatedAt ? referral.Closure.ClosedAt : referral.UpdatedAt;
            await mailCounts.ForgetAsync(referral.Id, UkDate.Of(referral.SubmittedAt), UkDate.Of(lastChange).AddDays(MailDaysAfter), cancellationToken).ConfigureAwait(false);
            await StepAsync("mail-counts").ConfigureAwait(false);
        }

        await keys.ForgetAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        await StepAsync("keys").ConfigureAwait(false);
        await senders.DeleteAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        await StepAsync("sender").ConfigureAwait(false);
        await accessLog.DeleteReferralAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        await StepAsync("access-log").ConfigureAwait(false);
        await caseload.RemoveReferralAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        await StepAsync("caseload").ConfigureAwait(false);
        await tasks.DeleteForReferralAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        await StepAsync("tasks").ConfigureAwait(false);
        if (journey is not null)
        {
            await journeys.PurgeInstanceAsync(due.ReferralId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        await StepAsync("journey").ConfigureAwait(false);
        await eraser.EraseAsync(due.ReferralId, cancellationToken).ConfigureAwait(false);
        await StepAsync("referral").ConfigureAwait(false);
        await index.RemoveAsync(due, cancellationToken).ConfigureAwait(false);
        if (referral is null)
        {
            logger.UnfinishedPurgeFinished();
        }
        else
        {
            logger.ReferralPurged(referral.Reference);
        }

        return true;
    }

    /// <summary>
    /// Whether the referral may go now: not held, and due by its own date. A line whose referral
    /// was never finished is stale (the change that finished it never committed) and goes.
    /// </summary>
    private async Task<bool> ReadyAsync(Referral referral, RetentionDue due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (referral.LegalHold)
        {
            logger.PurgeHeld(referral.Reference);
            return false;
        }

        if (referral.DeleteAfter is not { } dated)
        {
            await index.RemoveAsync(due, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (dated <= now)
        {
            return true;
        }

        // Dated again since this line was written: the line follows the referral.
        await index.ScheduleAsync(referral.Id, dated, cancellationToken).ConfigureAwait(false);
        if (RetentionIndex.MonthOf(dated) != RetentionIndex.MonthOf(due.DeleteAfter))
        {
            await index.RemoveAsync(due, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private Task StepAsync(string step) => StepDone(step);
}
