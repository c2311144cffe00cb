namespace RecoveryCoach.Benchmarks.Service;

/// <summary>
/// The coaches and team leads a benchmark can sign in as: the web app's Development sign-in
/// page seeds exactly these (<c>RecoveryCoach.Web.Staff.DevelopmentStaff</c>), and the benchmark
/// talks to the app only over HTTP, so it names them again here.
/// </summary>
public static class SeededStaff
{
    /// <summary>Each team's seeded staff, by the team code the allocation rules use.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByTeam { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["cambridge"] = ["casey.coach@cpft.nhs.uk", "robin.coach@cpft.nhs.uk", "lee.lead@cpft.nhs.uk"],
        ["huntingdon"] = ["hana.coach@cpft.nhs.uk", "hari.lead@cpft.nhs.uk"],
        ["peterborough-fenland"] = ["pip.coach@cpft.nhs.uk"],
    };
}
