using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RecoveryCoach.Referrals.SubjectAccess;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Web.Pages.Staff.SubjectAccess;

/// <summary>
/// A person's records as JSON for a subject-access request, one object per referral with a named
/// section for each kind of thing held, so that another system, or the person, can read it
/// without this service's types.
/// </summary>
public static class SubjectAccessJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = true,
    };

    public static byte[] Of(IReadOnlyList<PersonRecord> records, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        var document = new JsonObject
        {
            ["exportedAt"] = exportedAt,
            ["referrals"] = new JsonArray([.. records.Select(Referral)]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    private static JsonObject Referral(PersonRecord held)
    {
        var r = held.Record.Referral;
        var person = r.Details.Person;
        return new JsonObject
        {
            ["id"] = r.Id,
            ["reference"] = r.Reference,
            ["status"] = JsonSerializer.SerializeToNode(r.Status, Options),
            ["submittedAt"] = r.SubmittedAt,
            ["details"] = new JsonObject
            {
                ["person"] = new JsonObject
                {
                    ["givenName"] = person.GivenName,
                    ["familyName"] = person.FamilyName,
                    ["dateOfBirth"] = person.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["nhsNumber"] = person.NhsNumber?.ToString(),
                    ["email"] = person.Email,
                    ["phone"] = person.Phone,
                    ["postcode"] = person.Postcode.ToString(),
                    ["gpPractice"] = person.GpPractice,
                    ["gpPracticeEmail"] = person.GpPracticeEmail,
                },
                ["referrer"] = JsonSerializer.SerializeToNode(r.Details.Referrer, Options),
                ["careCoordinator"] = JsonSerializer.SerializeToNode(r.Details.CareCoordinator, Options),
                ["inSecondaryMentalHealthServices"] = r.Details.InSecondaryMentalHealthServices,
                ["readyToWorkTowardsDischarge"] = r.Details.ReadyToWorkTowardsDischarge,
                ["strugglingWithDischarge"] = r.Details.StrugglingWithDischarge,
                ["reason"] = r.Details.Reason,
            },
            ["decisions"] = new JsonObject
            {
                ["decidedAt"] = held.Record.DecidedAt,
                ["eligibility"] = JsonSerializer.SerializeToNode(r.Eligibility, Options),
                ["allocation"] = JsonSerializer.SerializeToNode(r.Allocation, Options),
            },
            ["coach"] = r.Coach,
            ["plan"] = JsonSerializer.SerializeToNode(r.Plan, Options),
            ["dischargedOn"] = r.DischargedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["closure"] = JsonSerializer.SerializeToNode(r.Closure, Options),
            ["tasks"] = new JsonArray([.. held.Tasks.Select(t => (JsonNode)new JsonObject
            {
                ["type"] = JsonSerializer.SerializeToNode(t.Type, Options),
                ["title"] = t.Type.Title(),
                ["status"] = JsonSerializer.SerializeToNode(t.Status, Options),
                ["createdAt"] = t.CreatedAt,
                ["dueAt"] = t.DueAt,
                ["assignee"] = t.Assignee,
                ["completedAt"] = t.CompletedAt,
                ["completedBy"] = t.CompletedBy,
                ["outcome"] = t.Outcome is null ? null : JsonNode.Parse(t.Outcome),
            })]),
            ["timeline"] = new JsonArray([.. held.Record.Audit.Select(a => (JsonNode)new JsonObject { ["at"] = a.At, ["who"] = a.Actor, ["action"] = a.Action, ["detail"] = a.Detail })]),
            ["emails"] = new JsonArray([.. held.Record.Notifications.Select(n => (JsonNode)new JsonObject
            {
                ["kind"] = n.Key,
                ["recipient"] = n.Recipient,
                ["at"] = n.AttemptedAt,
                ["status"] = n.Sent ? "sent" : n.Withheld ? "withheld" : "failed",
            })]),
            ["accessLog"] = new JsonArray([.. held.Access.Select(a => (JsonNode)new JsonObject
            {
                ["at"] = a.At,
                ["who"] = a.Who,
                ["role"] = JsonSerializer.SerializeToNode(a.Role, Options),
                ["team"] = a.Team,
                ["from"] = a.From,
                ["action"] = a.Action,
                ["detail"] = a.Detail,
                ["outsideTheirTeam"] = a.OutOfTeam,
            })]),
        };
    }
}
