using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Fhir;

/// <summary>
/// A record system refers with a ServiceRequest, alone or in a transaction Bundle, and the
/// referral is decided exactly as the same referral sent to the JSON API: one intake, one set of
/// rules, one journey. The real host on a virtual clock, Azurite and maildev.
/// </summary>
public sealed class FhirIntakeTests
{
    [Fact]
    public async Task A_contained_ServiceRequest_becomes_a_referral_decided_exactly_like_the_same_referral_sent_as_JSON()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };

        using var response = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());
        var body = await response.FhirJsonAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        var id = body["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().Should().EndWith($"/fhir/r4/ServiceRequest/{id}");
        body["resourceType"]!.GetValue<string>().Should().Be("ServiceRequest");
        body["identifier"]!.AsArray().Select(i => i!["system"]!.GetValue<string>()).Should().Contain([FhirReferrals.OrderSystem, Web.Fhir.StoredServiceRequest.ReferenceSystem]);
        await ShouldBeDecidedLikeJsonAsync(factory, id);
    }

    [Fact]
    public async Task A_transaction_Bundle_becomes_a_referral_decided_exactly_like_the_same_referral_sent_as_JSON()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };

        using var response = await factory.SignedIn().PostFhirAsync("/fhir/r4", FhirReferrals.Bundle());
        var body = await response.FhirJsonAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["type"]!.GetValue<string>().Should().Be("transaction-response");
        var entry = body["entry"]!.AsArray().Single()!;
        entry["response"]!["status"]!.GetValue<string>().Should().Be("201 Created");
        var id = entry["resource"]!["id"]!.GetValue<string>();
        entry["response"]!["location"]!.GetValue<string>().Should().EndWith($"/fhir/r4/ServiceRequest/{id}");
        await ShouldBeDecidedLikeJsonAsync(factory, id);
    }

    [Fact]
    public async Task A_repeat_with_the_same_identifier_answers_200_with_the_same_referral_and_stores_nothing_new()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var client = factory.SignedIn();

        using var first = await client.PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest("ORD-7"));
        using var again = await client.PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest("ORD-7"));
        using var changed = await client.PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest("ORD-7").With(r => r["reasonCode"]![0]!["text"] = "Something else"));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.FhirJsonAsync())["id"]!.GetValue<string>().Should().Be((await first.FhirJsonAsync())["id"]!.GetValue<string>());
        changed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        FhirReferrals.Expressions(await changed.FhirJsonAsync()).Should().Equal("ServiceRequest.identifier");
        (await factory.Storage.CountReferralsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_same_identifier_from_two_systems_is_two_referrals()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };

        using var one = await factory.SignedIn(FhirReferrals.Client).PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest("ORD-9"));
        using var other = await factory.SignedIn(FhirReferrals.OtherClient).PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest("ORD-9"));

        one.StatusCode.Should().Be(HttpStatusCode.Created);
        other.StatusCode.Should().Be(HttpStatusCode.Created);
        (await factory.Storage.CountReferralsAsync()).Should().Be(2);
    }

    /// <summary>The sample referral sent as JSON to the same host, and both decided; their details and decisions must match.</summary>
    private static async Task ShouldBeDecidedLikeJsonAsync(ReferralServiceFactory factory, string fhirId)
    {
        var json = await factory.CreateClient().SubmitAcceptedAsync(SampleReferrals.Valid());
        var store = factory.Services.GetRequiredService<ReferralStore>();
        var fromFhir = await DecidedAsync(store, fhirId);
        var fromJson = await DecidedAsync(store, json["id"]!.GetValue<string>());

        fromFhir.Details.Should().BeEquivalentTo(fromJson.Details);
        fromFhir.Eligibility.Should().BeEquivalentTo(fromJson.Eligibility);
        fromFhir.Allocation.Should().BeEquivalentTo(fromJson.Allocation);
        fromFhir.Status.Should().Be(fromJson.Status).And.NotBe(ReferralStatus.Received);
    }

    private static async Task<Referral> DecidedAsync(ReferralStore store, string id) =>
        (await Eventually.UntilAsync(
            () => store.GetAsync(id, CancellationToken.None),
            record => record is { Referral.Allocation: not null } or { Referral.Status: ReferralStatus.Ineligible },
            $"referral {id} should be decided"))!.Referral;
}
