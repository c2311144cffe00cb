using System.Globalization;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// Values the rules allow but a policy owner has probably not meant. A duration under a day is
/// right for a test that runs the journey on the wall clock, but in the service a mistyped
/// fraction (0.7 for 7) makes tasks due, reminded and escalated within hours or minutes: a flood
/// of emails to staff, in which the ones that matter are lost. So each is named, never refused.
/// </summary>
internal static class JourneyWarnings
{
    /// <summary>What a duration that short does, by the value's name.</summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        [nameof(JourneyValues.TeamLeadDays)] = "triage and requests for more weeks will be due that soon",
        [nameof(JourneyValues.FirstContactDays)] = "initial conversations will be due that soon after allocation",
        [nameof(JourneyValues.AgreementDays)] = "coaching agreements will be due that soon after the initial conversation",
        [nameof(JourneyValues.ReminderIntervalDays)] = "overdue tasks will be reminded that often",
        [nameof(JourneyValues.EscalateAfterDays)] = "overdue tasks will go to the team lead that soon after their first reminder",
        [nameof(JourneyValues.ClosureReminderDays)] = "closure tasks will be reminded that soon after they are due",
    };

    /// <summary>
    /// One warning for each rule that gives a duration under a day in any of <paramref name="traces"/>:
    /// <c>journey.json:rule: ReminderIntervalDays is 0.01 days (about 14 minutes): overdue tasks will be reminded that often</c>.
    /// </summary>
    public static IReadOnlyList<string> Of(IEnumerable<JourneyTrace> traces)
    {
        var warnings = new List<string>();
        foreach (var trace in traces)
        {
            foreach (var name in JourneyValues.Durations.Where(n => trace.Values.Get(n) < 1))
            {
                var days = trace.Values.Get(name);
                var warning = $"{Ruleset.JourneyFile}:{trace.Rules[name]}: {name} is {JourneyValues.Format(days)} days ({About(days)}): {Meanings[name]}";
                if (!warnings.Contains(warning, StringComparer.Ordinal))
                {
                    warnings.Add(warning);
                }
            }
        }

        return warnings;
    }

    /// <summary>A time under a day in the largest unit that is at least one: <c>about 12 hours</c>, <c>about 3 seconds</c>.</summary>
    internal static string About(double days)
    {
        var time = TimeSpan.FromDays(days);
        return time.TotalHours >= 1 ? Units(time.TotalHours, "hour")
            : time.TotalMinutes >= 1 ? Units(time.TotalMinutes, "minute")
            : time.TotalSeconds >= 1 ? Units(time.TotalSeconds, "second")
            : "under a second";

        static string Units(double count, string unit) =>
            Math.Round(count) is var whole && whole == 1 ? $"about 1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"about {whole} {unit}s");
    }
}
