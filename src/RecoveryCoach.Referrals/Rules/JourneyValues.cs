using System.Globalization;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// Every duration and count that times a referral's journey, computed by <c>rules/journey.json</c>
/// when the referral starts and copied into it, so a later change to the rules affects only new
/// referrals and the values a referral runs on can be seen on it. Durations are days and may be
/// fractions of a day (<c>0.5</c> is twelve hours), so a test can run the real journey on the
/// wall clock in seconds; counts and weeks are whole numbers.
/// </summary>
/// <param name="TeamLeadDays">Days within which a team lead decides: picks the team for a referral no rule placed, or answers a request for more weeks.</param>
/// <param name="FirstContactDays">Days from allocation by which the team holds the initial conversation.</param>
/// <param name="AgreementDays">Days from the initial conversation by which the coaching agreement is recorded.</param>
/// <param name="ReminderIntervalDays">Days between reminders to the assignee of an overdue task, the first on its due date.</param>
/// <param name="EscalateAfterDays">Days past its due date (for closure, past its reminder) after which an open task goes to the team lead.</param>
/// <param name="ContactAttempts">Attempts to reach the person before the referral closes as not engaged.</param>
/// <param name="CheckInCadenceDays">Days between check-ins unless the agreement says otherwise: whole days, as staff set an agreement's cadence.</param>
/// <param name="DefaultPlannedWeeks">Planned length of coaching when the agreement gives none.</param>
/// <param name="MinPlannedWeeks">Shortest plan an agreement may set.</param>
/// <param name="MaxPlannedWeeks">Longest plan an agreement may set.</param>
/// <param name="MaxExtensionWeeks">Most weeks a team lead may add to a plan, in all.</param>
/// <param name="ClosureReminderDays">Days after the closure task is due that its assignee is first reminded.</param>
/// <param name="RulesetVersion">The rules version that computed these values.</param>
public sealed record JourneyValues(
    double TeamLeadDays,
    double FirstContactDays,
    double AgreementDays,
    double ReminderIntervalDays,
    double EscalateAfterDays,
    int ContactAttempts,
    int CheckInCadenceDays,
    int DefaultPlannedWeeks,
    int MinPlannedWeeks,
    int MaxPlannedWeeks,
    int MaxExtensionWeeks,
    double ClosureReminderDays,
    string RulesetVersion)
{
    /// <summary>The names a journey rule's <c>Properties.value</c> may give, each needing at least one rule.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        nameof(TeamLeadDays), nameof(FirstContactDays), nameof(AgreementDays), nameof(ReminderIntervalDays), nameof(EscalateAfterDays), nameof(ContactAttempts),
        nameof(CheckInCadenceDays), nameof(DefaultPlannedWeeks), nameof(MinPlannedWeeks), nameof(MaxPlannedWeeks),
        nameof(MaxExtensionWeeks), nameof(ClosureReminderDays),
    ];

    /// <summary>The values that are durations in days, any number more than 0 and at most 365; the others are whole numbers from 1 to 365.</summary>
    public static IReadOnlyList<string> Durations { get; } =
    [
        nameof(TeamLeadDays), nameof(FirstContactDays), nameof(AgreementDays), nameof(ReminderIntervalDays), nameof(EscalateAfterDays), nameof(ClosureReminderDays),
    ];

    /// <summary>Whether the value named is a duration, which may be a fraction of a day.</summary>
    public static bool IsDuration(string name) => Durations.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// A value as a rule file would write it: a whole number as it is, a fraction in plain
    /// decimals (<c>0.00003</c>, never <c>3E-05</c>).
    /// </summary>
    public static string Format(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>One value by its name in <see cref="Names"/>, as rule files and test cases name it.</summary>
    public double Get(string name) => name switch
    {
        nameof(TeamLeadDays) => TeamLeadDays,
        nameof(FirstContactDays) => FirstContactDays,
        nameof(AgreementDays) => AgreementDays,
        nameof(ReminderIntervalDays) => ReminderIntervalDays,
        nameof(EscalateAfterDays) => EscalateAfterDays,
        nameof(ContactAttempts) => ContactAttempts,
        nameof(CheckInCadenceDays) => CheckInCadenceDays,
        nameof(DefaultPlannedWeeks) => DefaultPlannedWeeks,
        nameof(MinPlannedWeeks) => MinPlannedWeeks,
        nameof(MaxPlannedWeeks) => MaxPlannedWeeks,
        nameof(MaxExtensionWeeks) => MaxExtensionWeeks,
        nameof(ClosureReminderDays) => ClosureReminderDays,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a journey value."),
    };
}
