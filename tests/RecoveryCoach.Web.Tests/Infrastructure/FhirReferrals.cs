using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Fhir;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// FHIR referrals for tests: the sample referral of <see cref="SampleReferrals.Valid"/> as a
/// ServiceRequest with its parts contained, or as a transaction Bundle, to change one element at
/// a time; and record systems signed in with Development tokens.
/// </summary>
public static class FhirReferrals
{
    public const string Client = "epr-cambridge";
    public const string OtherClient = "epr-peterborough";
    public const string NotAllowedClient = "epr-unknown";
    public const string SigningKey = "cmVjb3ZlcnktY29hY2gtZGV2ZWxvcG1lbnQtdG9rZW5zLWtleS0wMQ==";
    public const string OrderSystem = "https://epr.example.nhs.uk/Id/referral-order";

    /// <summary>The settings that let <see cref="Client"/> and <see cref="OtherClient"/> refer with Development tokens.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Fhir:DevelopmentSigningKey"] = SigningKey,
        ["Fhir:AllowedClients:0"] = Client,
        ["Fhir:AllowedClients:1"] = OtherClient,
    };

    public static string Token(string client = Client) =>
        DevelopmentTokens.Issue(SigningKey, client, new FhirClientOptions().Audience, DateTimeOffset.UtcNow);

    /// <summary>A client of <paramref name="factory"/> signed in as the record system <paramref name="client"/>.</summary>
    public static HttpClient SignedIn(this ReferralServiceFactory factory, string client = Client)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(client));
        return http;
    }

    public static Task<HttpResponseMessage> PostFhirAsync(this HttpClient client, string path, JsonNode resource, string mediaType = FhirJson.MediaType) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(resource.ToJsonString(), Encoding.UTF8, mediaType));

    public static async Task<JsonObject> FhirJsonAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be(FhirJson.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The expressions an OperationOutcome names, one per issue.</summary>
    public static List<string> Expressions(JsonObject outcome) =>
        [.. outcome["issue"]!.AsArray().SelectMany(i => i!["expression"]?.AsArray().Select(e => e!.GetValue<string>()) ?? [])];

    /// <summary>The sample referral as a ServiceRequest with its Patient, requester and answers contained.</summary>
    public static JsonObject ServiceRequest(string identifier = "ORD-1001") => new()
    {
        ["resourceType"] = "ServiceRequest",
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = OrderSystem, ["value"] = identifier }),
        ["status"] = "active",
        ["intent"] = "order",
        ["contained"] = new JsonArray(Patient("patient"), Requester("requester"), Answers("answers", "#patient")),
        ["subject"] = new JsonObject { ["reference"] = "#patient" },
        ["requester"] = new JsonObject { ["reference"] = "#requester" },
        ["reasonCode"] = new JsonArray(new JsonObject { ["text"] = SampleReferrals.ReasonText }),
        ["supportingInfo"] = new JsonArray(new JsonObject { ["reference"] = "#answers" }),
    };

    /// <summary>The same referral as a transaction Bundle: the ServiceRequest and each part an entry of its own.</summary>
    public static JsonObject Bundle(string identifier = "ORD-2001")
    {
        var request = ServiceRequest(identifier);
        request.Remove("contained");
        request["subject"] = new JsonObject { ["reference"] = "urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a01" };
        request["requester"] = new JsonObject { ["reference"] = "urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a02" };
        request["supportingInfo"] = new JsonArray(new JsonObject { ["reference"] = "urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a03" });
        return new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "transaction",
            ["entry"] = new JsonArray(
                Entry("urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a00", request),
                Entry("urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a01", Without(Patient(null), "id")),
                Entry("urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a02", Without(Requester(null), "id")),
                Entry("urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a03", Without(Answers(null, "urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a01"), "id"))),
        };
    }

    /// <summary>The contained resource of <paramref name="request"/> with this id.</summary>
    public static JsonObject Contained(this JsonObject request, string id) =>
        request["contained"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["id"]?.GetValue<string>() == id);

    /// <summary>The answer to one question of the referral questionnaire, in a contained QuestionnaireResponse.</summary>
    public static JsonArray AnswerItems(this JsonObject request) => request.Contained("answers")["item"]!.AsArray();

    private static JsonObject Patient(string? id) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "https://fhir.nhs.uk/Id/nhs-number", ["value"] = "9434765919" }),
        ["name"] = new JsonArray(new JsonObject { ["use"] = "official", ["family"] = "Example", ["given"] = new JsonArray("Alex") }),
        ["telecom"] = new JsonArray(
            new JsonObject { ["system"] = "email", ["value"] = "alex.example@example.com" },
            new JsonObject { ["system"] = "phone", ["value"] = "07700 900982" }),
        ["birthDate"] = "1986-03-10",
        ["address"] = new JsonArray(new JsonObject { ["postalCode"] = "CB1 2AB" }),
        ["generalPractitioner"] = new JsonArray(new JsonObject { ["display"] = "Example Surgery" }),
    };

    private static JsonObject Requester(string? id) => new()
    {
        ["resourceType"] = "PractitionerRole",
        ["id"] = id,
        ["practitioner"] = new JsonObject { ["display"] = "Sam Coordinator" },
        ["organization"] = new JsonObject { ["display"] = "Example Community Mental Health Team" },
        ["telecom"] = new JsonArray(new JsonObject { ["system"] = "email", ["value"] = "sam.coordinator@example.nhs.uk" }),
    };

    private static JsonObject Answers(string? id, string subject) => new()
    {
        ["resourceType"] = "QuestionnaireResponse",
        ["id"] = id,
        ["questionnaire"] = "http://127.0.0.1:7071/fhir/r4/Questionnaire/" + ReferralQuestionnaire.Id,
        ["status"] = "completed",
        ["subject"] = new JsonObject { ["reference"] = subject },
        ["item"] = new JsonArray(
            Item(ReferralQuestionnaire.InSecondaryCare),
            Item(ReferralQuestionnaire.ReadyForDischarge),
            Item(ReferralQuestionnaire.StrugglingWithDischarge),
            Item(ReferralQuestionnaire.Consent)),
    };

    private static JsonObject Item(string linkId) => new()
    {
        ["linkId"] = linkId,
        ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }),
    };

    private static JsonObject Entry(string fullUrl, JsonObject resource) => new()
    {
        ["fullUrl"] = fullUrl,
        ["resource"] = resource,
        ["request"] = new JsonObject { ["method"] = "POST", ["url"] = resource["resourceType"]!.GetValue<string>() },
    };

    private static JsonObject Without(JsonObject resource, string property)
    {
        resource.Remove(property);
        return resource;
    }
}
