using System.Text.Json.Nodes;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Referral bodies for tests: a valid one, to change one field at a time.</summary>
public static class SampleReferrals
{
    public const string ReasonText = "Worried about losing the weekly support from the community team";

    /// <summary>An eligible referral by a care coordinator, aged 40 on the referral day.</summary>
    public static JsonObject Valid(string postcode = "CB1 2AB", string dateOfBirth = "1986-03-10") => new()
    {
        ["person"] = new JsonObject
        {
            ["givenName"] = "Alex",
            ["familyName"] = "Example",
            ["dateOfBirth"] = dateOfBirth,
            ["nhsNumber"] = "943 476 5919",
            ["email"] = "alex.example@example.com",
            ["phone"] = "07700 900982",
            ["postcode"] = postcode,
            ["gpPractice"] = "Example Surgery",
        },
        ["referrer"] = new JsonObject
        {
            ["relationship"] = "care-coordinator",
            ["name"] = "Sam Coordinator",
            ["email"] = "sam.coordinator@example.nhs.uk",
            ["organisation"] = "Example Community Mental Health Team",
        },
        ["careCoordinator"] = new JsonObject
        {
            ["name"] = "Sam Coordinator",
            ["email"] = "sam.coordinator@example.nhs.uk",
        },
        ["inSecondaryMentalHealthServices"] = true,
        ["readyToWorkTowardsDischarge"] = true,
        ["strugglingWithDischarge"] = true,
        ["reason"] = ReasonText,
        ["consent"] = true,
    };

    public static JsonObject With(this JsonObject referral, Action<JsonObject> change)
    {
        change(referral);
        return referral;
    }
}
