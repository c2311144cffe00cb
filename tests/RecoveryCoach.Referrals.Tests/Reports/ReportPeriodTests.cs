using RecoveryCoach.Referrals.Reports;

namespace RecoveryCoach.Referrals.Tests.Reports;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2026-Q3", "2026-07-01", "2026-09-30")]
    [InlineData("2026-q1", "2026-01-01", "2026-03-31")]
    public void A_quarter_is_read_from_its_year_and_number(string text, string from, string to)
    {
        ReportPeriod.TryParseQuarter(text, out var quarter).Should().BeTrue();

        (quarter.From, quarter.To).Should().Be((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026Q3")]
    [InlineData("1999-Q1")]
    [InlineData("")]
    public void A_quarter_it_cannot_read_is_refused(string text) => ReportPeriod.TryParseQuarter(text, out _).Should().BeFalse();

    [Fact]
    public void A_month_covers_its_days_and_a_custom_range_is_bounded()
    {
        ReportPeriod.TryParseMonth("2024-02", out var february).Should().BeTrue();
        ReportPeriod.TryParseMonth("2024-13", out _).Should().BeFalse();

        february.To.Should().Be(new DateOnly(2024, 2, 29));
        february.Months().Should().Equal("2024-02");
        ReportPeriod.TryCustom(new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30), out var year).Should().BeTrue();
        year.Months().Should().HaveCount(12);
        ReportPeriod.TryCustom(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31), out _).Should().BeFalse("it ends before it starts");
        ReportPeriod.TryCustom(new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 1), out _).Should().BeFalse("six years is more than one report reads");
    }

    [Fact]
    public void Weeks_begin_on_the_Monday_on_or_before_the_first_day()
    {
        var quarter = ReportPeriod.Quarter(2025, 3);

        quarter.WeekStarts().First().Should().Be(new DateOnly(2025, 6, 30));
        quarter.WeekStarts().Last().Should().Be(new DateOnly(2025, 9, 29));
        quarter.Describe().Should().Be("July to September 2025 (Q3)");
    }
}
