using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Caseload;

/// <summary>Builds a <see cref="CaseloadReport"/> from the referral and task tables.</summary>
public sealed class CaseloadReporter(ReferralStore referrals, TaskStore tasks, TimeProvider time)
{
    /// <param name="team">A team's code, or null for every team.</param>
    public async Task<CaseloadReport> ReportAsync(string? team, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var caseload = await referrals.SummariesAsync(team, cancellationToken).ConfigureAwait(false);
        var open = await tasks.QueryAsync(new TaskQuery(team, Status: CoachTaskStatus.Open), now, cancellationToken).ConfigureAwait(false);
        var conversations = (await tasks.QueryAsync(new TaskQuery(team, Status: CoachTaskStatus.Done), now, cancellationToken).ConfigureAwait(false))
            .Where(t => t.Type == CoachTaskType.InitialConversation)
            .ToDictionary(t => t.ReferralId, t => t.CompletedAt!.Value);

        var waiting = caseload
            .Where(r => r.Status is ReferralStatus.Allocated or ReferralStatus.AwaitingTriage && !conversations.ContainsKey(r.Id))
            .OrderBy(r => r.SubmittedAt)
            .ToList();
        var daysToContact = caseload
            .Where(r => conversations.ContainsKey(r.Id))
            .Select(r => (conversations[r.Id] - r.SubmittedAt).TotalDays)
            .Order()
            .ToList();

        return new CaseloadReport(
            team,
            caseload.Count(r => r.Status is ReferralStatus.Allocated or ReferralStatus.Agreeing or ReferralStatus.Coaching),
            waiting.Count,
            open.Count(t => t.IsOverdue(now)),
            Median(daysToContact),
            waiting.Count == 0 ? null : (now - waiting[0].SubmittedAt).TotalDays,
            waiting.Count == 0 ? null : waiting[0].Reference,
            [.. caseload.Where(r => r.ClosureReason is not null && r.Status == ReferralStatus.Closed)
                .GroupBy(r => r.ClosureReason!)
                .Select(g => (g.Key, g.Count()))
                .OrderByDescending(g => g.Item2)
                .ThenBy(g => g.Key, StringComparer.Ordinal)]);
    }

    private static double? Median(List<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
