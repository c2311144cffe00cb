using System.Net;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>Bad input gets a clear error naming the field, and nothing is stored.</summary>
public sealed class InvalidReferralTests(ReferralServiceFactory factory) : IClassFixture<ReferralServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string, string> InvalidFields => new()
    {
        { "missing given name", "person.givenName" },
        { "bad NHS number", "person.nhsNumber" },
        { "bad postcode", "person.postcode" },
        { "impossible date", "person.dateOfBirth" },
        { "date of birth in the future", "person.dateOfBirth" },
        { "reason over 4,000 characters", "reason" },
        { "consent false", "consent" },
        { "consent missing", "consent" },
        { "no way to reach the person", "person.email" },
        { "referrer without a name", "referrer.name" },
        { "answer of the wrong type", "inSecondaryMentalHealthServices" },
        { "field the API does not know", "person" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_input_is_400_naming_the_field(string problem, string field)
    {
        var response = await client.SubmitAsync(SampleReferrals.Valid().With(r => Break(r, problem)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(field);
        errors[field]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Several_errors_are_reported_together()
    {
        var response = await client.SubmitAsync(SampleReferrals.Valid().With(r =>
        {
            Break(r, "bad postcode");
            Break(r, "consent false");
        }));

        var errors = (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key);
        errors.Should().BeEquivalentTo("person.postcode", "consent");
    }

    [Fact]
    public async Task A_content_type_other_than_json_is_415()
    {
        var response = await client.SubmitRawAsync(SampleReferrals.Valid().ToJsonString(), "text/plain");

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413()
    {
        var huge = SampleReferrals.Valid().With(r => r["reason"] = new string('x', 70_000)).ToJsonString();

        var response = await client.SubmitRawAsync(huge, "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("a key given twice", "consent", "more than once")]
    [InlineData("a key in another case", "body", "not part of the request (did you mean 'consent'?)")]
    public async Task A_body_that_is_not_exactly_the_documented_json_is_400_naming_the_field(string problem, string field, string message)
    {
        var valid = SampleReferrals.Valid().ToJsonString();
        var body = problem == "a key given twice"
            ? valid.Replace("\"consent\":true", "\"consent\":false,\"consent\":true", StringComparison.Ordinal)
            : valid.Replace("\"consent\":", "\"Consent\":", StringComparison.Ordinal);

        var response = await client.SubmitRawAsync(body, "application/json");

        body.Should().NotBe(valid);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(field);
        errors[field]!.AsArray().Single()!.GetValue<string>().Should().Contain(message);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var response = await client.SubmitRawAsync("{\"person\": {\"givenName\": ", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["title"]!.GetValue<string>().Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task A_bad_idempotency_key_is_400_naming_the_header()
    {
        var response = await client.SubmitAsync(SampleReferrals.Valid(), new string('k', 300));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Should().Contain("Idempotency-Key");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Every test in this class sends bad input, so the hub must hold no referral at all.</summary>
    public async Task DisposeAsync() => (await factory.Storage.CountReferralsAsync()).Should().Be(0);

    private static void Break(JsonObject referral, string problem)
    {
        var person = referral["person"]!.AsObject();
        switch (problem)
        {
            case "missing given name": person.Remove("givenName"); break;
            case "bad NHS number": person["nhsNumber"] = "943 476 5918"; break;
            case "bad postcode": person["postcode"] = "CB1 2A"; break;
            case "impossible date": person["dateOfBirth"] = "1990-02-30"; break;
            case "date of birth in the future": person["dateOfBirth"] = "2026-06-16"; break;
            case "reason over 4,000 characters": referral["reason"] = new string('x', 4001); break;
            case "consent false": referral["consent"] = false; break;
            case "consent missing": referral.Remove("consent"); break;
            case "no way to reach the person": person.Remove("email"); person.Remove("phone"); break;
            case "referrer without a name": referral["referrer"]!.AsObject().Remove("name"); break;
            case "answer of the wrong type": referral["inSecondaryMentalHealthServices"] = "yes"; break;
            case "field the API does not know": person["nhsNumbr"] = "1"; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "No such problem.");
        }
    }
}
