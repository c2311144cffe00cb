using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Caseload;

/// <summary>
/// Writes every referral's caseload line, search keys and report facts again from the referral
/// and task tables, which are the truth: for referrals stored before the index existed, or a
/// line left behind when storage failed mid-change. Safe to run while the service runs, and to
/// run again.
/// </summary>
public sealed class CaseloadRebuild(ReferralStore referrals, TaskStore tasks, CaseloadIndex index, ReportFacts facts, TimeProvider time)
{
    /// <returns>How many referrals were written.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var open = (await tasks.QueryAsync(new TaskQuery(Status: CoachTaskStatus.Open), time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            .GroupBy(t => t.ReferralId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OpenTask>)[.. g.Select(t => new OpenTask(t.Id, t.Type, t.DueAt, t.Assignee))], StringComparer.Ordinal);
        var written = 0;
        foreach (var record in await referrals.SubmittedSinceAsync(DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false))
        {
            await index.RebuildAsync(record.Referral, open.GetValueOrDefault(record.Referral.Id) ?? [], cancellationToken).ConfigureAwait(false);
            await facts.WriteAsync(record.Referral, cancellationToken).ConfigureAwait(false);
            written++;
        }

        return written;
    }
}
