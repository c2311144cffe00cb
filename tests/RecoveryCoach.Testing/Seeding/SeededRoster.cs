namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// The staff seeded journeys are worked by: the people the web app's Development sign-in page
/// offers (<c>RecoveryCoach.Web.Staff.DevelopmentStaff</c>), so that whoever signs in there finds
/// their own caseload and tasks. Named again here because a shared test library cannot reach
/// into the web app.
/// </summary>
public static class SeededRoster
{
    /// <summary>Each team's coaches, by the team code the allocation rules use; every referral with a team has one of them as its coach.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Coaches { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["cambridge"] = ["casey.coach@cpft.nhs.uk", "robin.coach@cpft.nhs.uk"],
        ["huntingdon"] = ["hana.coach@cpft.nhs.uk"],
        ["peterborough-fenland"] = ["pip.coach@cpft.nhs.uk"],
    };

    /// <summary>
    /// Who answers each team's triage and requests for more weeks. Peterborough &amp; Fenland has
    /// no team lead to sign in as, so the admin, who may act for every team, answers for it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Leads { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cambridge"] = "lee.lead@cpft.nhs.uk",
        ["huntingdon"] = "hari.lead@cpft.nhs.uk",
        ["peterborough-fenland"] = "ada.admin@cpft.nhs.uk",
    };
}
