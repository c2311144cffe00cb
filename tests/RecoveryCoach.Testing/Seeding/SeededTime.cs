using Bogus;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// When things happen in a seeded journey: staff act in UK working hours, and how long people
/// take is skewed, mostly soon and now and then much later, as waiting times are.
/// </summary>
internal static class SeededTime
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The day <paramref name="instant"/> falls on in the UK, as the service dates referrals.</summary>
    public static DateOnly UkDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime).DateTime);

    /// <summary>
    /// <paramref name="instant"/> if it falls in working hours (Monday to Friday, 09:00 to 17:30
    /// UK time), else a moment early in the next working morning; never earlier than it was.
    /// </summary>
    public static DateTimeOffset InWorkingHours(DateTimeOffset instant, Faker f)
    {
        var local = TimeZoneInfo.ConvertTime(instant, UkTime);
        var day = local.Date;
        var time = local.TimeOfDay;
        if (time >= TimeSpan.FromHours(17.5))
        {
            day = day.AddDays(1);
            time = TimeSpan.Zero;
        }

        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
            time = TimeSpan.Zero;
        }

        if (time < TimeSpan.FromHours(9))
        {
            time = TimeSpan.FromHours(9) + TimeSpan.FromMinutes(f.Random.Int(0, 150));
        }

        return Utc(day + time);
    }

    /// <summary>A moment on the UK day <paramref name="day"/> between <paramref name="fromHour"/> and <paramref name="toHour"/>.</summary>
    public static DateTimeOffset OnDay(DateTime day, double fromHour, double toHour, Faker f) =>
        Utc(day.Date + TimeSpan.FromHours(f.Random.Double(fromHour, toHour)));

    /// <summary>The UK day <paramref name="instant"/> falls on, as a local midnight.</summary>
    public static DateTime LocalDay(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, UkTime).Date;

    /// <summary>
    /// Days drawn from a log-normal distribution with the given median: most near it, a long
    /// tail after it, never more than <paramref name="most"/>.
    /// </summary>
    /// <param name="spread">The standard deviation of the logarithm; 0.8 makes one in ten over about 2.8 times the median.</param>
    public static double Days(Faker f, double median, double spread, double most) =>
        Math.Min(most, median * Math.Exp(spread * Normal(f)));

    /// <summary>A whole number near <paramref name="mean"/>, normally spread, kept within bounds.</summary>
    public static int Near(Faker f, double mean, double spread, int least, int most) =>
        Math.Clamp((int)Math.Round(mean + (spread * Normal(f))), least, most);

    /// <summary>A standard normal number by Box-Muller, from the faker's own random numbers so that a seed gives the same draws.</summary>
    private static double Normal(Faker f)
    {
        var u1 = 1.0 - f.Random.Double();
        var u2 = f.Random.Double();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static DateTimeOffset Utc(DateTime ukLocal)
    {
        var unspecified = DateTime.SpecifyKind(ukLocal, DateTimeKind.Unspecified);
        // A time skipped when the clocks go forward is read an hour later, as a person would mean it.
        if (UkTime.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, UkTime), TimeSpan.Zero);
    }
}
