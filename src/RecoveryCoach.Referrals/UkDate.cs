namespace RecoveryCoach.Referrals;

/// <summary>
/// Dates as the service's people count them: in UK time, so a referral made at 00:30 on a
/// summer morning belongs to that day, not the day before in UTC.
/// </summary>
public static class UkDate
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime).DateTime);

    /// <summary>The instant <paramref name="day"/> begins in the UK.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, UkTime.GetUtcOffset(midnight));
    }
}
