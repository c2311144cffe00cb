using System.Globalization;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>How a report's period was chosen, for its heading and its links.</summary>
public enum ReportPeriodKind
{
    Month,
    Quarter,
    Custom,
}

/// <summary>
/// The days a report covers, both ends included, in UK dates. Each figure counts what happened
/// on those days: referrals received, first contacts made, journeys closed, people discharged.
/// </summary>
public sealed record ReportPeriod(ReportPeriodKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The longest custom range, so one report reads a bounded number of months.</summary>
    public const int MaxDays = 732;

    public static ReportPeriod Month(int year, int month)
    {
        var from = new DateOnly(year, month, 1);
        return new ReportPeriod(ReportPeriodKind.Month, from, from.AddMonths(1).AddDays(-1));
    }

    public static ReportPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var from = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new ReportPeriod(ReportPeriodKind.Quarter, from, from.AddMonths(3).AddDays(-1));
    }

    /// <summary>The UK date of <paramref name="instant"/>: what day it is for the service's people.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => UkDate.Of(instant);

    /// <summary>The calendar quarter <paramref name="day"/> falls in.</summary>
    public static ReportPeriod QuarterOf(DateOnly day) => Quarter(day.Year, QuarterNumberOf(day));

    /// <summary>The period's first day's quarter as the query string and <see cref="TryParseQuarter"/> write it: <c>2026-Q3</c>.</summary>
    public string QuarterName => string.Create(CultureInfo.InvariantCulture, $"{From.Year}-Q{QuarterNumberOf(From)}");

    /// <summary>A month as <c>2026-11</c>.</summary>
    public static bool TryParseMonth(string? text, out ReportPeriod period)
    {
        period = null!;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2000)
        {
            return false;
        }

        period = Month(day.Year, day.Month);
        return true;
    }

    /// <summary>A quarter as <c>2026-Q3</c>.</summary>
    public static bool TryParseQuarter(string? text, out ReportPeriod period)
    {
        period = null!;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] is not ('Q' or 'q')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000
            || text[6] is < '1' or > '4')
        {
            return false;
        }

        period = Quarter(year, text[6] - '0');
        return true;
    }

    /// <summary>A custom range, refused when it ends before it starts or spans more than <see cref="MaxDays"/>.</summary>
    public static bool TryCustom(DateOnly from, DateOnly to, out ReportPeriod period)
    {
        period = new ReportPeriod(ReportPeriodKind.Custom, from, to);
        return from <= to && to.DayNumber - from.DayNumber < MaxDays && from.Year >= 2000;
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>Every month the period touches, as <c>yyyy-MM</c>: where its facts are kept.</summary>
    public IEnumerable<string> Months()
    {
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            yield return month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The Mondays of the weeks the period touches, the first perhaps before it starts.</summary>
    public IEnumerable<DateOnly> WeekStarts()
    {
        for (var monday = WeekOf(From); monday <= To; monday = monday.AddDays(7))
        {
            yield return monday;
        }
    }

    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The period as a heading reads it: "November 2026", "July to September 2026 (Q3)", "1 Dec 2025 to 30 Nov 2026".</summary>
    public string Describe() => Kind switch
    {
        ReportPeriodKind.Month => From.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        ReportPeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{From:MMMM} to {To:MMMM yyyy} (Q{QuarterNumberOf(From)})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{From:d MMM yyyy} to {To:d MMM yyyy}"),
    };

    private static int QuarterNumberOf(DateOnly day) => ((day.Month - 1) / 3) + 1;
}
