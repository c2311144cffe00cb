using System.Globalization;

namespace RecoveryCoach.Referrals;

/// <summary>
/// The days, in UK time, a date staff give may fall on: from the day of referral to today. A
/// contact attempt or a discharge cannot come before the referral, nor after the day it is
/// recorded, so a mistyped year is a 400 rather than a timeline that reads nonsense.
/// </summary>
public sealed record DateWindow(DateOnly From, DateOnly To)
{
    /// <summary>From the day <paramref name="submittedAt"/> fell on to the day <paramref name="now"/> does.</summary>
    public static DateWindow OfReferral(DateTimeOffset submittedAt, DateTimeOffset now) => new(UkDate.Of(submittedAt), UkDate.Of(now));

    /// <summary>Whether the instant falls on a day of the window; instants at the ends of the calendar never do.</summary>
    public bool Contains(DateTimeOffset instant) =>
        instant.UtcDateTime > DateTime.MinValue.AddDays(1) && instant.UtcDateTime < DateTime.MaxValue.AddDays(-1) && Contains(UkDate.Of(instant));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The window in words for an error message: "between 15 June 2026 and today (18 June 2026)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"between {From:d MMMM yyyy} and today ({To:d MMMM yyyy})");
}
