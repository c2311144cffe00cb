using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Fhir;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// FHIR referrals for tests: the sample referral of <see cref="SampleReferrals.Valid"/> as a
/// ServiceRequest with its parts contained, or as a transaction Bundle, from the integrators'
/// examples in <c>docs/fhir/</c>, to change one element at a time; and record systems signed in
/// with Development tokens.
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

    /// <summary>Our reference for the referral, from a ServiceRequest the service answered with.</summary>
    public static string ReferenceOf(JsonObject serviceRequest) =>
        serviceRequest["identifier"]!.AsArray().Single(i => i!["system"]!.GetValue<string>() == StoredServiceRequest.ReferenceSystem)!["value"]!.GetValue<string>();

    /// <summary>The expressions an OperationOutcome names, one per issue.</summary>
    public static List<string> Expressions(JsonObject outcome) =>
        [.. outcome["issue"]!.AsArray().SelectMany(i => i!["expression"]?.AsArray().Select(e => e!.GetValue<string>()) ?? [])];

    /// <summary>
    /// The sample referral as a ServiceRequest with its Patient, requester and answers contained:
    /// the integrators' example <c>docs/fhir/valid-service-request.json</c>, so the example is
    /// what the tests send.
    /// </summary>
    public static JsonObject ServiceRequest(string identifier = "ORD-1001") =>
        Example("valid-service-request.json").With(r => r["identifier"]![0]!["value"] = identifier);

    /// <summary>The same referral as a transaction Bundle, each part an entry of its own: <c>docs/fhir/valid-bundle.json</c>.</summary>
    public static JsonObject Bundle(string identifier = "ORD-2001") =>
        Example("valid-bundle.json").With(b => b["entry"]![0]!["resource"]!["identifier"]![0]!["value"] = identifier);

    /// <summary>An example of <c>docs/fhir/</c>, by its path there.</summary>
    public static JsonObject Example(string path) =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("docs", "fhir", path)))!.AsObject();

    /// <summary>The contained resource of <paramref name="request"/> with this id.</summary>
    public static JsonObject Contained(this JsonObject request, string id) =>
        request["contained"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["id"]?.GetValue<string>() == id);

    /// <summary>The answer to one question of the referral questionnaire, in a contained QuestionnaireResponse.</summary>
    public static JsonArray AnswerItems(this JsonObject request) => request.Contained("answers")["item"]!.AsArray();
}
