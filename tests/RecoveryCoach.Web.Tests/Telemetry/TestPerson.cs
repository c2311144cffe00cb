using System.Text.Json.Nodes;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// A person whose details appear nowhere else in the tests, so any of them found in what was
/// exported came from this referral; each detail in every form it could be written.
/// </summary>
public static class TestPerson
{
    public const string GivenName = "Zephyrine";
    public const string FamilyName = "Quillfeather";
    public const string Email = "zephyrine.quillfeather@example.org";
    public const string Reason = "Frightened of losing the Tuesday drop-in group after discharge";

    /// <summary>The referral, self-made so the person's own address gets the acknowledgement.</summary>
    public static JsonObject Referral() => new()
    {
        ["person"] = new JsonObject
        {
            ["givenName"] = GivenName,
            ["familyName"] = FamilyName,
            ["dateOfBirth"] = "1979-11-23",
            ["nhsNumber"] = "401 023 2137",
            ["email"] = Email,
            ["phone"] = "07700 900456",
            ["postcode"] = "CB2 1TN",
            ["gpPractice"] = "Lantern Row Surgery",
        },
        ["referrer"] = new JsonObject { ["relationship"] = "self" },
        ["inSecondaryMentalHealthServices"] = true,
        ["readyToWorkTowardsDischarge"] = true,
        ["strugglingWithDischarge"] = true,
        ["reason"] = Reason,
        ["consent"] = true,
    };

    /// <summary>What must never be exported, by what it is.</summary>
    public static IReadOnlyDictionary<string, string[]> Details { get; } = new Dictionary<string, string[]>
    {
        ["name"] = [GivenName, FamilyName],
        ["date of birth"] = ["1979-11-23", "23/11/1979", "23-11-1979", "1979/11/23", "11/23/1979", "19791123", "23 November 1979", "23 Nov 1979", "November 23, 1979"],
        ["NHS number"] = ["401 023 2137", "4010232137", "401-023-2137"],
        ["email"] = [Email, "zephyrine.quillfeather"],
        ["phone"] = ["07700 900456", "07700900456", "+447700900456", "7700 900456", "7700900456"],
        ["postcode"] = ["CB2 1TN", "CB21TN"],
        ["reason"] = [Reason, "Tuesday drop-in"],
        ["GP practice"] = ["Lantern Row Surgery"],
    };
}
