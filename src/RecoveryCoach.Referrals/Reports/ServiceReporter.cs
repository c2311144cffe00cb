using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>
/// Computes a <see cref="ServiceReport"/> from the report facts of the period's months and,
/// for who waits now, the open lines of the caseload index: never from every referral.
/// </summary>
public sealed class ServiceReporter(ReportFacts facts, CaseloadIndex caseload, TimeProvider time)
{
    private static readonly (string Band, double UpTo)[] ContactBands =
        [("0 to 7 days", 7), ("8 to 14 days", 14), ("15 to 28 days", 28), ("29 to 56 days", 56), ("Over 56 days", double.MaxValue)];

    /// <param name="team">A team's code, or null for the whole service.</param>
    public async Task<ServiceReport> ReportAsync(ReportPeriod period, string? team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var now = time.GetUtcNow();
        var received = facts.ReadAsync(ReportEvent.Received, period, team, cancellationToken);
        var contacted = facts.ReadAsync(ReportEvent.FirstContact, period, team, cancellationToken);
        var closed = facts.ReadAsync(ReportEvent.Closed, period, team, cancellationToken);
        var discharged = facts.ReadAsync(ReportEvent.Discharged, period, team, cancellationToken);
        IReadOnlyList<string?> teams = team is null ? Team.Lists : [team];
        var open = Task.WhenAll(teams.Select(t => caseload.OpenAsync(t, cancellationToken)));
        await Task.WhenAll(received, contacted, closed, discharged, open).ConfigureAwait(false);

        var waiting = CaseloadReport.From((await open.ConfigureAwait(false)).SelectMany(e => e), now);
        return new ServiceReport(
            period,
            team,
            now,
            ByWeek(period, received.Result),
            [.. teams.Select(t => (t, received.Result.Count(f => f.Team == t)))],
            [.. ReferrerRelationshipNames.All.Select(r => (r, received.Result.Count(f => f.Relationship == r)))],
            received.Result.Count(f => f.Eligible is not null),
            received.Result.Count(f => f.Eligible == true),
            [.. received.Result.Where(f => f.Eligible == false).SelectMany(f => f.UnmetCriteria)
                .GroupBy(c => c, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))
                .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)],
            FirstContact(contacted.Result, waiting),
            WeeksInService(closed.Result),
            [.. closed.Result.GroupBy(f => f.ClosureReason ?? "unknown", StringComparer.Ordinal).Select(g => (g.Key, g.Count()))
                .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)],
            Wellbeing(closed.Result),
            Goals(closed.Result),
            [.. teams.Select(t => (t, discharged.Result.Count(f => f.Team == t)))]);
    }

    private static List<(DateOnly, int)> ByWeek(ReportPeriod period, IReadOnlyList<ReferralFacts> received)
    {
        var byWeek = received.ToLookup(f => ReportPeriod.WeekOf(UkDate.Of(f.ReceivedAt)));
        return [.. period.WeekStarts().Select(week => (week, byWeek[week].Count()))];
    }

    private static FirstContactFigures FirstContact(IReadOnlyList<ReferralFacts> contacted, CaseloadReport waiting)
    {
        var days = contacted.Select(f => f.DaysToFirstContact!.Value).Order().ToList();
        var longest = waiting.LongestWaiting;
        return new FirstContactFigures(
            days.Count,
            Median(days),
            days.Count == 0 ? null : days[(int)Math.Ceiling(0.9 * days.Count) - 1],
            [.. ContactBands.Select((b, i) => (b.Band, days.Count(d => d <= b.UpTo && (i == 0 || d > ContactBands[i - 1].UpTo))))],
            waiting.WaitingForFirstContact,
            waiting.LongestWaitDays,
            longest?.Reference,
            longest?.Team);
    }

    private static ServiceWeeksFigures WeeksInService(IReadOnlyList<ReferralFacts> closed)
    {
        var coached = closed.Where(f => f.WeeksInService is not null).ToList();
        var weeks = coached.Select(f => f.WeeksInService!.Value).Order().ToList();
        return new ServiceWeeksFigures(
            coached.Count,
            Median(weeks),
            [.. weeks.GroupBy(w => (int)Math.Round(w, MidpointRounding.AwayFromZero)).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key)],
            coached.Count(f => f.ExtensionWeeks > 0),
            coached.Sum(f => f.ExtensionWeeks));
    }

    private static List<WellbeingChange> Wellbeing(IReadOnlyList<ReferralFacts> closed)
    {
        (string Question, bool LowerIsBetter, Func<Wellbeing, int?> Answer)[] questions =
        [
            ("Life satisfaction", false, w => w.LifeSatisfaction),
            ("Things done in life worthwhile", false, w => w.Worthwhile),
            ("Happiness yesterday", false, w => w.HappyYesterday),
            ("Anxiety yesterday", true, w => w.AnxiousYesterday),
        ];
        return [.. questions.Select(q =>
        {
            var pairs = closed
                .Select(f => (Start: f.Baseline is null ? null : q.Answer(f.Baseline), End: f.End is null ? null : q.Answer(f.End)))
                .Where(p => p.Start is not null && p.End is not null)
                .ToList();
            return new WellbeingChange(
                q.Question,
                q.LowerIsBetter,
                pairs.Count,
                pairs.Count == 0 ? null : pairs.Average(p => p.Start!.Value),
                pairs.Count == 0 ? null : pairs.Average(p => p.End!.Value));
        })];
    }

    private static List<GoalAttainment> Goals(IReadOnlyList<ReferralFacts> closed)
    {
        var ratings = closed.SelectMany(f => f.Goals).ToLookup(g => g.Category, StringComparer.Ordinal);
        return [.. GoalCategories.All.Concat(ratings.Select(g => g.Key).Except(GoalCategories.All, StringComparer.Ordinal)).Select(category =>
        {
            var rated = ratings[category].ToList();
            return new GoalAttainment(category, rated.Count, rated.Count == 0 ? null : rated.Average(g => g.Rating), rated.Count(g => g.Rating >= 0));
        })];
    }

    private static double? Median(List<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
