using System.Globalization;
using System.Text.Json.Nodes;

namespace RecoveryCoach.Benchmarks.Service;

/// <summary>
/// The referrals the workloads submit: the tests' sample referral (<c>SampleReferrals.Valid</c>),
/// and numbered people for a workload that stores thousands, as a real caseload would hold them.
/// </summary>
public static class SampleReferrals
{
    /// <summary>
    /// A postcode that the shipped <c>rules/allocation.json</c> gives to each team, in the order
    /// numbered referrals take them in turn.
    /// </summary>
    public static IReadOnlyList<(string Team, string Postcode)> TeamPostcodes { get; } =
    [
        ("cambridge", "CB1 2AB"),
        ("huntingdon", "PE29 3AA"),
        ("peterborough-fenland", "PE1 1AA"),
    ];

    /// <summary>Eligible, for the Cambridge team, with three acknowledgements to send.</summary>
    public static JsonObject Valid() => Of("CB1 2AB", "alex.example@example.com", "sam.coordinator@example.nhs.uk");

    /// <summary>
    /// Person <paramref name="number"/> of many: the teams in turn, and addresses nobody else
    /// has. One address gets at most five referral emails a day (<c>RecipientMailLimit</c>),
    /// and every email to an address rewrites that address's one count row, so shared addresses
    /// would measure a flood the service is built to refuse rather than a caseload.
    /// </summary>
    public static JsonObject Numbered(int number)
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        return Of(TeamPostcodes[number % TeamPostcodes.Count].Postcode, $"person{n}@example.com", $"coordinator{n}@example.nhs.uk");
    }

    private static JsonObject Of(string postcode, string personEmail, string coordinatorEmail) => new()
    {
        ["person"] = new JsonObject
        {
            ["givenName"] = "Alex",
            ["familyName"] = "Example",
            ["dateOfBirth"] = "1986-03-10",
            ["nhsNumber"] = "943 476 5919",
            ["email"] = personEmail,
            ["phone"] = "07700 900982",
            ["postcode"] = postcode,
            ["gpPractice"] = "Example Surgery",
        },
        ["referrer"] = new JsonObject
        {
            ["relationship"] = "care-coordinator",
            ["name"] = "Sam Coordinator",
            ["email"] = coordinatorEmail,
            ["organisation"] = "Example Community Mental Health Team",
        },
        ["careCoordinator"] = new JsonObject { ["name"] = "Sam Coordinator", ["email"] = coordinatorEmail },
        ["inSecondaryMentalHealthServices"] = true,
        ["readyToWorkTowardsDischarge"] = true,
        ["strugglingWithDischarge"] = true,
        ["reason"] = "Worried about losing the weekly support from the community team",
        ["consent"] = true,
    };
}
