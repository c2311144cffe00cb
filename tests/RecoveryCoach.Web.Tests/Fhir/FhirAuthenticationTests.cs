using System.Net;
using System.Net.Http.Headers;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Fhir;

/// <summary>
/// Only an allowed record system, signed in, may refer or read, and only what it sent; the
/// Development token is refused outside Development. The CapabilityStatement and the
/// Questionnaire are public, as a supplier needs them before it has a token.
/// </summary>
public sealed class FhirAuthenticationTests
{
    [Fact]
    public async Task Without_a_token_the_answer_is_401_with_an_OperationOutcome_and_nothing_is_stored()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };

        using var response = await factory.CreateClient().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        (await response.FhirJsonAsync())["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_signed_token_from_a_client_not_allowed_is_403_and_a_forged_one_401()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var forged = factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Web.Fhir.DevelopmentTokens.Issue(Convert.ToBase64String(new byte[32]), FhirReferrals.Client, new Web.Fhir.FhirClientOptions().Audience, DateTimeOffset.UtcNow));

        using var notAllowed = await factory.SignedIn(FhirReferrals.NotAllowedClient).PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());
        using var forgedAnswer = await forged.PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());

        notAllowed.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await notAllowed.FhirJsonAsync())["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        forgedAnswer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Another_systems_referral_answers_404_as_if_it_did_not_exist()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        using var created = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());
        var id = (await created.FhirJsonAsync())["id"]!.GetValue<string>();
        var other = factory.SignedIn(FhirReferrals.OtherClient);

        using var read = await other.GetAsync(new Uri($"/fhir/r4/ServiceRequest/{id}", UriKind.Relative));
        using var task = await other.GetAsync(new Uri($"/fhir/r4/Task?focus=ServiceRequest/{id}", UriKind.Relative));
        using var never = await other.GetAsync(new Uri($"/fhir/r4/ServiceRequest/{new string('a', 32)}", UriKind.Relative));
        using var own = await factory.SignedIn().GetAsync(new Uri($"/fhir/r4/ServiceRequest/{id}", UriKind.Relative));

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        never.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).Should().Be(await never.Content.ReadAsStringAsync());
        (await task.FhirJsonAsync())["total"]!.GetValue<int>().Should().Be(0);
        own.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_Development_token_is_refused_in_Production_even_with_the_key_configured()
    {
        await using var factory = new ProductionServiceFactory { Settings = FhirReferrals.Settings };

        using var response = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_CapabilityStatement_and_the_Questionnaire_are_public()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var anyone = factory.CreateClient();

        using var metadata = await anyone.GetAsync(new Uri("/fhir/r4/metadata", UriKind.Relative));
        using var questionnaire = await anyone.GetAsync(new Uri("/fhir/r4/Questionnaire/recovery-coach-referral", UriKind.Relative));

        var capabilities = await metadata.FhirJsonAsync();
        capabilities["resourceType"]!.GetValue<string>().Should().Be("CapabilityStatement");
        capabilities["fhirVersion"]!.GetValue<string>().Should().Be("4.0.1");
        capabilities["rest"]![0]!["resource"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()).Should().BeEquivalentTo(["ServiceRequest", "Task", "Questionnaire"]);
        var items = (await questionnaire.FhirJsonAsync())["item"]!.AsArray().Select(i => i!["linkId"]!.GetValue<string>());
        items.Should().Equal(Web.Fhir.ReferralQuestionnaire.InSecondaryCare, Web.Fhir.ReferralQuestionnaire.ReadyForDischarge, Web.Fhir.ReferralQuestionnaire.StrugglingWithDischarge, Web.Fhir.ReferralQuestionnaire.Consent);
    }

    [Fact]
    public async Task A_record_system_has_a_FHIR_limit_of_its_own_answered_with_an_OperationOutcome()
    {
        await using var factory = new ReferralServiceFactory
        {
            Settings = new Dictionary<string, string>(FhirReferrals.Settings) { ["RateLimits:FhirPerMinute"] = "2" },
        };
        var system = factory.SignedIn();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await system.GetAsync(new Uri($"/fhir/r4/ServiceRequest/{new string('b', 32)}", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                (await response.FhirJsonAsync())["issue"]![0]!["code"]!.GetValue<string>().Should().Be("throttled");
            }
        }

        using var other = await factory.SignedIn(FhirReferrals.OtherClient).GetAsync(new Uri($"/fhir/r4/ServiceRequest/{new string('b', 32)}", UriKind.Relative));

        statuses.Should().Equal(HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
