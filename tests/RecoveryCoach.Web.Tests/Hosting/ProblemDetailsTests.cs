using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Hosting;

/// <summary>
/// A problem detail never repeats what the caller sent: error keys are the declared names and
/// array positions, an undeclared key is reported on the object that holds it, and a 404 does
/// not repeat the id. Intake, task completion and journey requests alike.
/// </summary>
public sealed class ProblemDetailsTests(ReferralServiceFactory factory) : IClassFixture<ReferralServiceFactory>
{
    /// <summary>Markup, and a marker that no JSON encoder escapes, so an echo shows however it is written.</summary>
    private const string Hostile = "<img src=x onerror=alert(1)>zqxj";

    private static readonly string[] Echoes = ["<img", "onerror", "alert(1)", "zqxj"];

    private readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string, string, string> HostileReferrals => new()
    {
        { "an undeclared key at the top", H("""{"HOSTILE":1}"""), "body" },
        { "an undeclared key in the referrer", H("""{"referrer":{"HOSTILE":1}}"""), "referrer" },
        { "an undeclared key like a path", """{"person":{"a']['b.c[0]":1}}""", "person" },
        { "an undeclared key in an undeclared object", H("""{"HOSTILE":{"HOSTILE":1}}"""), "body" },
        { "a hostile value of the wrong type", H("""{"consent":"HOSTILE"}"""), "consent" },
        { "an object where text belongs", H("""{"person":{"givenName":{"HOSTILE":1}}}"""), "person.givenName" },
        { "a key given twice", H("""{"person":{"HOSTILE":1,"HOSTILE":1}}"""), "person" },
    };

    [Theory]
    [MemberData(nameof(HostileReferrals))]
    public async Task A_hostile_referral_body_is_400_naming_only_declared_fields(string problem, string body, string field)
    {
        var stored = await factory.Storage.CountReferralsAsync();

        var response = await client.SubmitRawAsync(body, "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem);
        var errors = await ShouldNotEchoAsync(response);
        errors.Should().ContainKey(field, problem);
        (await factory.Storage.CountReferralsAsync()).Should().Be(stored, "nothing is stored");
    }

    [Fact]
    public async Task Hostile_text_in_valid_fields_is_refused_without_being_repeated()
    {
        var referral = SampleReferrals.Valid().With(r =>
        {
            r["person"]!["postcode"] = Hostile;
            r["person"]!["email"] = Hostile;
            r["person"]!["nhsNumber"] = Hostile;
            r["referrer"]!["relationship"] = Hostile;
        });

        var response = await client.SubmitAsync(referral);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ShouldNotEchoAsync(response)).Select(e => e.Key).Should().Contain(["person.postcode", "person.email", "person.nhsNumber", "referrer.relationship"]);
    }

    [Fact]
    public async Task A_mistyped_key_is_reported_on_its_object_with_the_declared_name_it_most_likely_meant()
    {
        var referral = SampleReferrals.Valid().With(r => r["referrer"]!["Name"] = "Sam");

        var response = await client.SubmitAsync(referral);

        var errors = await ShouldNotEchoAsync(response);
        errors["referrer"]!.AsArray().Single()!.GetValue<string>().Should().Be("This object has a key that is not part of the request (did you mean 'name'?)");
    }

    [Fact]
    public async Task A_hostile_task_form_is_400_naming_only_declared_fields()
    {
        await using var journey = await JourneyDriver.StartAsync(factory: factory);
        var task = await journey.TaskOfStageAsync("initial-conversation");
        var coach = await journey.AsAsync(JourneyDriver.Coach);
        string[] forms =
        [
            H("""{"HOSTILE":1,"outcome":{}}"""),
            H("""{"outcome":{"HOSTILE":1}}"""),
            H("""{"outcome":{"outcome":"coaching-is-right","attempts":[{"HOSTILE":1}]}}"""),
            H("""{"outcome":{"outcome":"coaching-is-right","attempts":[{"at":"HOSTILE","method":"phone","reached":true}]}}"""),
            H("""{"outcome":{"outcome":"HOSTILE","attempts":[{"at":"2026-06-15T09:00:00Z","method":"HOSTILE","reached":true}]}}"""),
        ];

        foreach (var form in forms)
        {
            var response = await coach.PostAsync(new Uri($"/api/tasks/{task}/complete", UriKind.Relative), new StringContent(form, Encoding.UTF8, "application/json"));

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, form);
            (await ShouldNotEchoAsync(response)).Select(e => e.Key).Should().OnlyContain(k => k == "body" || k.StartsWith("outcome", StringComparison.Ordinal), form);
        }

        (await journey.TasksAsync("open")).Should().ContainSingle(t => t["id"]!.GetValue<string>() == task, "the task is still open");
    }

    [Fact]
    public async Task A_hostile_journey_request_is_400_naming_only_declared_fields()
    {
        await using var journey = await JourneyDriver.StartAsync(factory: factory);
        await journey.StageAsync("initial-conversation");
        var coach = await journey.AsAsync(JourneyDriver.Coach);
        (string What, string Body)[] requests =
        [
            ("discharge", H("""{"HOSTILE":"2026-06-15"}""")),
            ("discharge", H("""{"dischargedOn":"HOSTILE"}""")),
            ("extension", H("""{"weeks":"HOSTILE"}""")),
            ("extension", H("""{"weeks":{"HOSTILE":1}}""")),
        ];

        foreach (var (what, body) in requests)
        {
            var response = await coach.PostAsync(new Uri($"/api/referrals/{journey.Id}/{what}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
            await ShouldNotEchoAsync(response);
        }

        JourneyDriver.Actions(await journey.StateAsync()).Should().NotContain("discharged");
    }

    [Fact]
    public async Task A_404_never_repeats_the_id()
    {
        var admin = await factory.SignedInAsync(StaffSignIn.Admin);
        var id = Uri.EscapeDataString(Hostile);
        string[] urls = [$"/api/referrals/{id}", $"/api/tasks/{id}", "/api/referrals/0123456789abcdef0123456789abcdef"];

        foreach (var url in urls)
        {
            var response = await admin.GetAsync(new Uri(url, UriKind.Relative));

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, url);
            await ShouldNotEchoAsync(response);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("0123456789abcdef");
        }

        foreach (var url in new[] { $"/api/tasks/{id}/complete", $"/api/referrals/{id}/discharge" })
        {
            var response = await admin.PostAsync(new Uri(url, UriKind.Relative), new StringContent("""{"outcome":{},"dischargedOn":"2026-06-15"}""", Encoding.UTF8, "application/json"));

            ((int)response.StatusCode).Should().BeInRange(400, 404, url);
            await ShouldNotEchoAsync(response);
        }
    }

    /// <summary>Checks every key and text of the problem, decoded, for the hostile text; returns its errors.</summary>
    private static async Task<JsonObject> ShouldNotEchoAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonNode.Parse(body)!.AsObject();
        var text = string.Join("\n", Texts(problem));
        foreach (var echo in Echoes)
        {
            text.Should().NotContainEquivalentOf(echo);
            body.Should().NotContainEquivalentOf(echo);
        }

        text.Should().NotContain("']").And.NotContain("['", "no key is the caller's");
        return problem["errors"] as JsonObject ?? [];
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Texts(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Texts),
        JsonValue v => [v.ToString()],
        _ => [],
    };

    /// <summary>A JSON body with the hostile text, JSON-escaped, in place of each HOSTILE.</summary>
    private static string H(string template) => template.Replace("HOSTILE", JsonValue.Create(Hostile).ToJsonString()[1..^1], StringComparison.Ordinal);
}
