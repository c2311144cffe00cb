using System.Globalization;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>
/// Turns a <see cref="ServiceReport"/> into the tables the reports page shows and exports, with
/// <see cref="SmallNumbers"/> applied to every count, share, mean and median. The page and the
/// CSV both read these, so what is withheld on one is withheld on the other.
/// </summary>
public static class ReportTables
{
    private const string FewerThanFive = "fewer than 5";
    private const string NotShown = "not shown";
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <param name="mayName">
    /// Whether the reader may see referrals of a team (null: triage), so the longest wait is
    /// named by its reference only to those who could open it.
    /// </param>
    public static IReadOnlyList<ReportTable> From(ServiceReport report, Func<string?, bool> mayName)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(mayName);
        return
        [
            Counts("received-by-week", "Referrals received each week", "Referrals received in the period, by the week they arrived; weeks begin on Monday, and the first and last may lie partly outside the period.", "Week beginning", "Referrals",
                [.. report.ReceivedByWeek.Select(w => (w.WeekOf.ToString("d MMM yyyy", Uk), w.Count))], total: true),
            Counts("received-by-team", "Referrals received by team", "Referrals received in the period, by the team they are with now; no team is a referral not eligible or waiting for a team.", "Team", "Referrals",
                [.. report.ReceivedByTeam.Select(t => (TeamName(t.Team), t.Count))], total: true),
            CountsWithShare("received-by-referrer", "Referrals by who referred", "Referrals received in the period, by who made them.", "Who referred",
                [.. report.ReceivedByRelationship.Select(r => (Relationship(r.Relationship), r.Count))]),
            CountsWithShare("eligibility", "Eligibility", "Referrals received in the period that the rules have decided.", "Decision",
                [("Eligible", report.Eligible), ("Not eligible", report.Decided - report.Eligible)]),
            Counts("unmet-criteria", "Criteria not met", "Each criterion not met by a referral found not eligible; one referral may miss several.", "Criterion", "Referrals",
                report.UnmetCriteria, total: false),
            FirstContactSummary(report.FirstContact, mayName(report.FirstContact.LongestWaitTeam)),
            Counts("first-contact-wait", "Days from referral to first contact", "First contacts made in the period, by how long the person waited.", "Wait", "People",
                report.FirstContact.ByBand, total: true),
            WeeksSummary(report.WeeksInService),
            Counts("weeks-in-service", "Weeks in service", "Journeys closed in the period after a coaching agreement, by weeks from agreement to closure, extensions included.", "Weeks", "People",
                [.. report.WeeksInService.ByWeeks.Select(w => (string.Create(CultureInfo.InvariantCulture, $"{w.Weeks} weeks"), w.Count))], total: true),
            Counts("closures", "Closures by reason", "Journeys closed in the period, by why they ended.", "Reason", "People",
                [.. report.ClosuresByReason.Select(c => (Reason(c.Reason), c.Count))], total: true),
            Wellbeing(report),
            Goals(report),
            Counts("discharged", "Discharged from the trust during coaching", "People discharged from the trust's care in the period while with the service.", "Team", "People",
                [.. report.Discharged.Select(d => (TeamName(d.Team), d.Count))], total: true),
        ];
    }

    /// <summary>The team as people read it; null is referrals no team has.</summary>
    public static string TeamName(string? code) => Team.TryFind(code, out var team) ? team.Name : "No team";

    private static ReportTable Counts(string id, string title, string note, string labelColumn, string countColumn, IReadOnlyList<(string Label, int Count)> counts, bool total)
    {
        var shown = total ? SmallNumbers.Protect([.. counts.Select(c => c.Count)]) : [.. counts.Select(c => SmallNumbers.IsSmall(c.Count) ? Disclosure.FewerThanFive : Disclosure.Shown)];
        List<ReportRow> rows = [.. counts.Select((c, i) => new ReportRow(c.Label, [Count(c.Count, shown[i])]))];
        if (total)
        {
            rows.Add(new ReportRow("All", [Count(counts.Sum(c => c.Count))], IsTotal: true));
        }

        return new ReportTable(id, title, note, [labelColumn, countColumn], rows, counts.Count == 0 ? null : new ReportChart([0], countColumn.ToLowerInvariant()));
    }

    private static ReportTable CountsWithShare(string id, string title, string note, string labelColumn, IReadOnlyList<(string Label, int Count)> counts)
    {
        var all = counts.Sum(c => c.Count);
        var shown = SmallNumbers.Protect([.. counts.Select(c => c.Count)]);
        List<ReportRow> rows = [.. counts.Select((c, i) => new ReportRow(c.Label, [Count(c.Count, shown[i]), Share(c.Count, all, shown[i])]))];
        rows.Add(new ReportRow("All", [Count(all), Share(all, all, Disclosure.Shown)], IsTotal: true));
        return new ReportTable(id, title, note, [labelColumn, "Referrals", "Share"], rows, new ReportChart([0], "referrals"));
    }

    private static ReportTable FirstContactSummary(FirstContactFigures f, bool named) => new(
        "first-contact",
        "Time from referral to first contact",
        "First contacts made in the period; and, as the report was made, who still waits to be reached, with a team or waiting for one.",
        ["Measure", "Value"],
        [
            new("First contacts made", [Count(f.Contacted)]),
            new("Median wait", [Measure(f.MedianDays, f.Contacted, "0.#", " days")]),
            new("90th percentile wait", [Measure(f.Percentile90Days, f.Contacted, "0.#", " days")]),
            new("Waiting now", [Count(f.StillWaiting)]),
            new("Longest wait now", [f.LongestWaitDays is { } days
                ? new ReportCell(named ? string.Create(CultureInfo.InvariantCulture, $"{days} days ({f.LongestWaitReference})") : string.Create(CultureInfo.InvariantCulture, $"{days} days"), days)
                : ReportCell.Label("Nobody is waiting")]),
        ],
        null);

    private static ReportTable WeeksSummary(ServiceWeeksFigures w) => new(
        "weeks-summary",
        "Weeks in service and extensions",
        "Journeys closed in the period after a coaching agreement.",
        ["Measure", "Value"],
        [
            new("People", [Count(w.People)]),
            new("Median weeks from agreement to closure", [Measure(w.MedianWeeks, w.People, "0.#", " weeks")]),
            new("People given more weeks", [Count(w.Extended)]),
            new("Weeks added in all", [Measure(w.ExtensionWeeks, w.Extended, "0", " weeks")]),
        ],
        null);

    private static ReportTable Wellbeing(ServiceReport report) => new(
        "wellbeing",
        "Wellbeing (ONS4) at agreement and at closure",
        "Each question answered 0 to 10 at the coaching agreement and at closure, by people whose journeys closed in the period. Questions are reported apart and never summed; for anxiety, lower is better.",
        ["Question", "People answering both times", "Mean at agreement", "Mean at closure", "Mean change"],
        [.. report.Wellbeing.Select(w => new ReportRow(
            w.LowerIsBetter ? w.Question + " (lower is better)" : w.Question,
            [Count(w.Pairs), Measure(w.MeanAtAgreement, w.Pairs, "0.0", string.Empty), Measure(w.MeanAtClosure, w.Pairs, "0.0", string.Empty), Measure(w.MeanChange, w.Pairs, "+0.0;-0.0;0.0", string.Empty)]))],
        new ReportChart([1, 2], "mean answer, 0 to 10", Max: 10));

    private static ReportTable Goals(ServiceReport report) => new(
        "goals",
        "Goal attainment by goal category",
        "Final ratings of goals in journeys closed in the period, from −2 (much less than expected) to +2 (much more).",
        ["Goal category", "Goals rated", "Mean rating", "Rated as expected or better"],
        [.. report.Goals.Select(g => new ReportRow(
            Sentence(g.Category.Replace('-', ' ')),
            [Count(g.Goals), Measure(g.MeanRating, g.Goals, "+0.0;-0.0;0.0", string.Empty), g.Goals >= SmallNumbers.Threshold ? Percent(g.AsExpectedOrBetter, g.Goals) : Measure(null, g.Goals, "0", string.Empty)]))],
        new ReportChart([2], "% rated as expected or better", Max: 100));

    private static ReportCell Count(int count, Disclosure disclosure = Disclosure.Shown) =>
        (SmallNumbers.IsSmall(count) && disclosure == Disclosure.Shown ? Disclosure.FewerThanFive : disclosure) switch
        {
            Disclosure.FewerThanFive => new ReportCell(FewerThanFive, null, Disclosure.FewerThanFive),
            Disclosure.Withheld => new ReportCell(NotShown, null, Disclosure.Withheld),
            _ => new ReportCell(count.ToString("N0", Uk), count),
        };

    private static ReportCell Share(int count, int of, Disclosure disclosure) =>
        of == 0 ? ReportCell.Label("none")
        : SmallNumbers.IsSmall(count) || disclosure != Disclosure.Shown ? new ReportCell(NotShown, null, Disclosure.Withheld)
        : Percent(count, of);

    private static ReportCell Percent(int count, int of)
    {
        var percent = Math.Round(100.0 * count / of, MidpointRounding.AwayFromZero);
        return new ReportCell(string.Create(CultureInfo.InvariantCulture, $"{percent:0}%"), percent);
    }

    /// <summary>A mean, median or sum over <paramref name="people"/>, withheld when they are fewer than 5.</summary>
    private static ReportCell Measure(double? value, int people, string format, string unit) =>
        people == 0 || value is null ? ReportCell.Label("none")
        : people < SmallNumbers.Threshold ? new ReportCell(FewerThanFive, null, Disclosure.FewerThanFive)
        : new ReportCell(value.Value.ToString(format, CultureInfo.InvariantCulture) + unit, Math.Round(value.Value, 2));

    private static string Reason(string reason) => reason switch
    {
        ClosureReasons.Completed => "Completed as planned",
        ClosureReasons.EndedEarly => "Ended early",
        ClosureReasons.Disengaged => "Stopped taking part",
        ClosureReasons.MovedAway => "Moved out of the area",
        ClosureReasons.NotRightNow => "Coaching not right for now",
        ClosureReasons.NotEngaged => "Could not be reached",
        ClosureReasons.Withdrawn => "Closed before coaching began",
        _ => Sentence(reason),
    };

    private static string Relationship(string name) => name switch
    {
        "self" => "Self-referral",
        "care-coordinator" => "Care coordinator",
        _ => "Someone who knows them",
    };

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
