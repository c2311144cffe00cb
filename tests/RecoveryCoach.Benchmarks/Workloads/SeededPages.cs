using System.Globalization;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Testing.Seeding;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>One staff page that (f) times: its name in the table, its address, and the aim it is held to.</summary>
/// <param name="MustShow">Text a right answer holds, such as the reference a search should find; null when any page will do.</param>
public sealed record TimedPage(string Name, string Path, double AimMilliseconds, string? MustShow = null);

/// <summary>
/// The pages of issue 12's aim, asked for as staff ask for them: search by each kind of key a
/// caller gives on the phone, for one person picked from the seeded store, the worklist, the
/// caseload list with its filters, and the reports for the last whole quarter and the last twelve
/// months before the store's "now".
/// </summary>
public static class SeededPages
{
    /// <summary>Search answers within 300 ms.</summary>
    public const double SearchAim = 300;

    /// <summary>The reports, the worklist and the caseload each answer within 1 s.</summary>
    public const double PageAim = 1000;

    /// <summary>
    /// The person searched for: the latest Cambridge referral with an NHS number, preferring a
    /// name with an accent, so search's folding is on the path; Cambridge, since the coach and the
    /// team lead signed in are Cambridge's, and everyone timed may see it.
    /// </summary>
    public static SeededReferral Subject(IReadOnlyList<SeededReferral> seeded)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        var cambridge = seeded.Where(s => s.Referral.TeamCode == "cambridge" && s.Referral.Details.Person.NhsNumber is not null).ToList();
        return cambridge.LastOrDefault(s => (s.Referral.Details.Person.GivenName + s.Referral.Details.Person.FamilyName).Any(c => c > 127))
            ?? cambridge.LastOrDefault()
            ?? throw new InvalidOperationException("The seeded store has no Cambridge referral with an NHS number to search for.");
    }

    /// <param name="now">When the store was seeded up to; the reports ask for the periods just before it.</param>
    public static IReadOnlyList<TimedPage> For(SeededReferral subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var today = ReportPeriod.DayOf(now);
        var quarter = ReportPeriod.QuarterOf(ReportPeriod.QuarterOf(today).From.AddDays(-1)).QuarterName;
        var twelveMonths = string.Create(CultureInfo.InvariantCulture, $"from={today.AddYears(-1):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        var person = subject.Referral.Details.Person;
        var reference = subject.Referral.Reference;
        var namePart = person.FamilyName[..Math.Min(3, person.FamilyName.Length)];
        return
        [
            Search("search by name part", namePart, reference),
            Search("search by full name", $"{person.GivenName} {person.FamilyName}", reference),
            Search("search by NHS number", person.NhsNumber!.Value.ToString(), reference),
            Search("search by postcode", person.Postcode.ToString(), reference),
            Search("search by reference", reference, reference),
            new("worklist, my tasks", "/staff/tasks", PageAim),
            new("worklist, my team's", "/staff/tasks?view=team", PageAim),
            new("caseload", "/staff/caseload", PageAim),
            new("caseload, one team", "/staff/caseload?team=cambridge", PageAim),
            new("caseload, one stage", "/staff/caseload?stage=Coaching", PageAim),
            new("caseload, by name", "/staff/caseload?sort=Name", PageAim),
            new("caseload, page 2", "/staff/caseload?p=2", PageAim),
            new("reports, a team's last quarter", $"/staff/reports?team=cambridge&period=quarter&quarter={quarter}", PageAim),
            new("reports, the last twelve months", $"/staff/reports?period=custom&{twelveMonths}", PageAim),
        ];
    }

    private static TimedPage Search(string name, string typed, string reference) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"/staff/search?q={Uri.EscapeDataString(typed)}"), SearchAim, MustShow: reference);
}
