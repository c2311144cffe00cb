using System.Globalization;
using RecoveryCoach.Testing.Seeding;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>One staff page that (f) times: its name in the table, its address, and the aim it is held to.</summary>
/// <param name="MustShow">Text a right answer holds, such as the reference a search should find; null when any page will do.</param>
/// <param name="MayBeAbsent">
/// A page that comes or goes as the service changes (the reports, being built; the dashboard,
/// whose figures moved to the caseload list): a 404 from it is reported, not counted as an error,
/// so one workload measures any build.
/// </param>
public sealed record TimedPage(string Name, string Path, double AimMilliseconds, string? MustShow = null, bool MayBeAbsent = false);

/// <summary>
/// The pages of issue 12's aim, asked for as staff ask for them: search by each kind of key a
/// caller gives on the phone, for one person picked from the seeded store, the worklist, the
/// caseload list with its filters, the dashboard and the reports.
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

    public static IReadOnlyList<TimedPage> For(SeededReferral subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
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
            new("dashboard", "/staff/dashboard", PageAim, MayBeAbsent: true),
            new("reports, a team's quarter", "/staff/reports?team=cambridge&period=quarter&quarter=2026-Q3", PageAim, MayBeAbsent: true),
            new("reports, twelve months", "/staff/reports?period=custom&from=2025-12-01&to=2026-11-30", PageAim, MayBeAbsent: true),
        ];
    }

    private static TimedPage Search(string name, string typed, string reference) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"/staff/search?q={Uri.EscapeDataString(typed)}"), SearchAim, MustShow: reference);
}
