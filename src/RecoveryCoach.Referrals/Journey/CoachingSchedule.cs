namespace RecoveryCoach.Referrals.Journey;

/// <summary>The agreed plan as the journey times it: check-ins every cadence until the planned weeks, extensions included, end.</summary>
internal sealed record CoachingSchedule(DateTime AgreedAt, int PlannedWeeks, int CadenceDays, int ExtensionWeeks = 0)
{
    public DateTime EndsAt => AgreedAt.AddDays(7 * (PlannedWeeks + ExtensionWeeks));

    public CoachingSchedule Extended(int weeks) => this with { ExtensionWeeks = ExtensionWeeks + weeks };
}
