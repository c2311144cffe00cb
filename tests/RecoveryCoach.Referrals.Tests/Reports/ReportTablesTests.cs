using RecoveryCoach.Referrals.Reports;

namespace RecoveryCoach.Referrals.Tests.Reports;

/// <summary>What a report may show: small numbers withheld so that no one can be picked out, and shares and means only over 5 or more.</summary>
public sealed class ReportTablesTests
{
    [Fact]
    public void A_count_of_1_to_4_shows_as_fewer_than_5_and_the_smallest_other_count_is_withheld_so_it_cannot_be_worked_out()
    {
        SmallNumbers.Protect([12, 3, 0, 7, 40]).Should().Equal(Disclosure.Shown, Disclosure.FewerThanFive, Disclosure.Shown, Disclosure.Withheld, Disclosure.Shown);
        SmallNumbers.Protect([12, 3, 4, 7]).Should().Equal([Disclosure.Shown, Disclosure.FewerThanFive, Disclosure.FewerThanFive, Disclosure.Shown], "two small counts already hide each other");
        SmallNumbers.Protect([0, 5, 9]).Should().AllBeEquivalentTo(Disclosure.Shown, "zeros and counts of 5 or more name no one");
    }

    [Fact]
    public void The_tables_withhold_small_counts_their_shares_and_means_over_fewer_than_5_people()
    {
        var report = Report(closures: [("completed", 9), ("moved-away", 2), ("disengaged", 6)], pairs: 4, eligible: 30, decided: 33);

        var tables = ReportTables.From(report, _ => true).ToDictionary(t => t.Id);

        Lines(tables["closures"]).Should().Equal("Completed as planned | 9", "Moved out of the area | fewer than 5", "Stopped taking part | not shown", "All | 17");
        Lines(tables["eligibility"]).Should().Equal("Eligible | not shown | not shown", "Not eligible | fewer than 5 | not shown", "All | 33 | 100%");
        Lines(tables["wellbeing"])[0].Should().Be("Life satisfaction | fewer than 5 | fewer than 5 | fewer than 5 | fewer than 5");
        tables["closures"].Rows[2].Cells[0].Value.Should().BeNull("a chart draws no bar for a withheld figure");
    }

    [Fact]
    public void Means_over_5_or_more_are_shown_with_the_change_signed_and_the_longest_wait_is_named_only_to_who_may_see_its_team()
    {
        var report = Report(closures: [], pairs: 6, eligible: 10, decided: 10);

        var shown = ReportTables.From(report, _ => true).Single(t => t.Id == "wellbeing");
        var firstContact = ReportTables.From(report, team => team != "huntingdon").Single(t => t.Id == "first-contact");

        Lines(shown)[3].Should().Be("Anxiety yesterday (lower is better) | 6 | 6.5 | 4.0 | -2.5");
        Lines(shown)[0].Should().EndWith("| +1.5");
        Lines(firstContact).Should().Contain("Longest wait now | 12 days", "the reference is of a team the reader may not open");
        Lines(ReportTables.From(report, _ => true).Single(t => t.Id == "first-contact")).Should().Contain("Longest wait now | 12 days (RC-LONG01)");
    }

    private static List<string> Lines(ReportTable table) => [.. table.Rows.Select(r => string.Join(" | ", [r.Label, .. r.Cells.Select(c => c.Text)]))];

    private static ServiceReport Report(IReadOnlyList<(string, int)> closures, int pairs, int eligible, int decided) => new(
        ReportPeriod.Quarter(2025, 3),
        null,
        DateTimeOffset.UnixEpoch,
        [(new DateOnly(2025, 6, 30), decided)],
        [(null, decided)],
        [("self", 0), ("care-coordinator", decided), ("someone-who-knows-them", 0)],
        decided,
        eligible,
        [("Aged 17 to 65", decided - eligible)],
        new FirstContactFigures(8, 10, 20, [("0 to 7 days", 8)], 1, 12, "RC-LONG01", "huntingdon"),
        new ServiceWeeksFigures(0, null, [], 0, 0),
        closures,
        [
            new WellbeingChange("Life satisfaction", false, pairs, 4.5, 6.0),
            new WellbeingChange("Things done in life worthwhile", false, pairs, 5, 6),
            new WellbeingChange("Happiness yesterday", false, pairs, 5, 6),
            new WellbeingChange("Anxiety yesterday", true, pairs, 6.5, 4.0),
        ],
        [],
        []);
}
