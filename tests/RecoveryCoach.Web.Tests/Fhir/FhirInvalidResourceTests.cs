using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Fhir;

/// <summary>
/// A resource that is not a good referral gets an OperationOutcome naming each problem by its
/// FHIRPath expression, and nothing is stored or sent.
/// </summary>
public sealed class FhirInvalidResourceTests
{

    public static TheoryData<string, string> Violations => new()
    {
        { "no NHS number", "ServiceRequest.subject.identifier" },
        { "a bad NHS number check digit", "ServiceRequest.subject.identifier" },
        { "no consent answer", "ServiceRequest.supportingInfo.item.where(linkId='consent').answer" },
        { "a missing subject", "ServiceRequest.subject" },
        { "a reason too long", "ServiceRequest.note" },
        { "a birth date that is not a date", "ServiceRequest.contained[0].birthDate" },
        { "a future birth date", "ServiceRequest.subject.birthDate" },
        { "no identifier", "ServiceRequest.identifier" },
        { "a draft", "ServiceRequest.status" },
        { "no answers at all", "ServiceRequest.supportingInfo" },
        { "a telecom with no system", "ServiceRequest.contained[0].telecom[0]" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Each_violation_gets_an_OperationOutcome_naming_it_and_nothing_is_stored(string violation, string expression)
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var request = FhirReferrals.ServiceRequest();
        Break(request, violation);

        using var response = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", request);
        var outcome = await response.FhirJsonAsync();

        ((int)response.StatusCode).Should().BeOneOf([400, 422], outcome.ToJsonString());
        outcome["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        FhirReferrals.Expressions(outcome).Should().Contain(expression, outcome.ToJsonString());
        outcome["issue"]!.AsArray().Should().OnlyContain(i => i!["severity"]!.GetValue<string>() == "error" && i["diagnostics"]!.GetValue<string>().Length > 0);
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_resource_type_is_refused_by_name()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        using var patient = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", new JsonObject { ["resourceType"] = "Patient", ["birthDate"] = "1986-03-10" });
        using var bundleOfOne = await factory.SignedIn().PostFhirAsync("/fhir/r4", FhirReferrals.ServiceRequest());

        patient.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        FhirReferrals.Expressions(await patient.FhirJsonAsync()).Should().Equal("Patient");
        bundleOfOne.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        FhirReferrals.Expressions(await bundleOfOne.FhirJsonAsync()).Should().Equal("ServiceRequest");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_Bundle_that_is_not_a_transaction_or_holds_two_ServiceRequests_is_refused()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var batch = FhirReferrals.Bundle().With(b => b["type"] = "batch");
        var two = FhirReferrals.Bundle().With(b => b["entry"]!.AsArray().Add(new JsonObject { ["fullUrl"] = "urn:uuid:8b6b1c36-2f7e-4a4e-9f55-0f0a6c0d1a09", ["resource"] = FhirReferrals.ServiceRequest("ORD-X") }));

        using var batchAnswer = await factory.SignedIn().PostFhirAsync("/fhir/r4", batch);
        using var twoAnswer = await factory.SignedIn().PostFhirAsync("/fhir/r4", two);

        FhirReferrals.Expressions(await batchAnswer.FhirJsonAsync()).Should().Contain("Bundle.type");
        FhirReferrals.Expressions(await twoAnswer.FhirJsonAsync()).Should().Contain("Bundle.entry");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task XML_is_refused_with_415_and_so_is_asking_for_it()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var client = factory.SignedIn();
        using var xml = await client.PostAsync(new Uri("/fhir/r4/ServiceRequest", UriKind.Relative), new StringContent("<ServiceRequest xmlns=\"http://hl7.org/fhir\"/>", Encoding.UTF8, "application/fhir+xml"));
        using var metadataAsXml = await client.GetAsync(new Uri("/fhir/r4/metadata?_format=xml", UriKind.Relative));
        using var acceptXml = new HttpRequestMessage(HttpMethod.Get, "/fhir/r4/Questionnaire/recovery-coach-referral");
        acceptXml.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+xml"));
        using var questionnaireAsXml = await client.SendAsync(acceptXml);

        xml.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await xml.FhirJsonAsync())["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        metadataAsXml.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        questionnaireAsXml.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Unknown_elements_and_bodies_that_are_not_JSON_are_400_at_their_path()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        using var unknown = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest().With(r => r["colour"] = "blue"));
        using var broken = await factory.SignedIn().PostAsync(new Uri("/fhir/r4/ServiceRequest", UriKind.Relative), new StringContent("{\"resourceType\":\"ServiceRequest\",", Encoding.UTF8, "application/fhir+json"));

        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        FhirReferrals.Expressions(await unknown.FhirJsonAsync()).Should().Contain("ServiceRequest.colour");
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await broken.FhirJsonAsync())["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    private static void Break(JsonObject request, string violation)
    {
        var patient = request.Contained("patient");
        switch (violation)
        {
            case "no NHS number": patient.Remove("identifier"); break;
            case "a bad NHS number check digit": patient["identifier"]![0]!["value"] = "9434765918"; break;
            case "no consent answer": request.AnswerItems().RemoveAt(3); break;
            case "a missing subject": request.Remove("subject"); request.AnswerItems(); request.Contained("answers").Remove("subject"); request["contained"]!.AsArray().RemoveAt(0); break;
            case "a reason too long": request["reasonCode"]![0]!["text"] = new string('x', 4001); break;
            case "a birth date that is not a date": patient["birthDate"] = "1986-13-10"; break;
            case "a future birth date": patient["birthDate"] = "2099-01-01"; break;
            case "no identifier": request.Remove("identifier"); break;
            case "a draft": request["status"] = "draft"; break;
            case "no answers at all": request.Remove("supportingInfo"); request["contained"]!.AsArray().RemoveAt(2); break;
            case "a telecom with no system": patient["telecom"]![0]!.AsObject().Remove("system"); break;
            default: throw new ArgumentOutOfRangeException(nameof(violation), violation, null);
        }
    }
}
