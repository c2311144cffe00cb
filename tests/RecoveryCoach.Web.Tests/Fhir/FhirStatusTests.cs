using System.Net;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Fhir;

/// <summary>
/// The referring system follows its referral through a FHIR Task whose businessStatus says where
/// it stands, to closure with its outcome. The real orchestrator on a virtual clock.
/// </summary>
public sealed class FhirStatusTests
{
    [Fact]
    public async Task The_Task_follows_the_journey_from_received_through_coaching_to_completed_with_the_closure_outcome()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var system = factory.SignedIn();
        using var created = await system.PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.ServiceRequest());
        var request = await created.FhirJsonAsync();
        var id = request["id"]!.GetValue<string>();
        var reference = FhirReferrals.ReferenceOf(request);
        await using var journey = JourneyDriver.Attach(factory, id, reference);

        var accepted = await TaskUntilAsync(system, id, "accepted");
        await journey.AgreeAsync(weeks: 6);
        var coaching = await TaskUntilAsync(system, id, "in-coaching");
        await journey.RequestAsync("early-closure", new JsonObject());
        await journey.CompleteStageAsync("closure", Forms.Closure("ended-early"));
        var completed = await TaskUntilAsync(system, id, "completed");

        accepted["status"]!.GetValue<string>().Should().Be("accepted");
        accepted["focus"]!["reference"]!.GetValue<string>().Should().Be($"ServiceRequest/{id}");
        coaching["status"]!.GetValue<string>().Should().Be("in-progress");
        completed["status"]!.GetValue<string>().Should().Be("completed");
        var output = completed["output"]!.AsArray().Single()!;
        output["valueCoding"]!["code"]!.GetValue<string>().Should().Be("ended-early");
        completed.ToJsonString().Should().NotContain("Alex").And.NotContain(SampleReferrals.ReasonText);
        using var read = await system.GetAsync(new Uri($"/fhir/r4/ServiceRequest/{id}", UriKind.Relative));
        (await read.FhirJsonAsync())["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task A_referral_not_accepted_says_so_with_each_unmet_criterion()
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var system = factory.SignedIn();
        var request = FhirReferrals.ServiceRequest();
        request.AnswerItems()[0]!["answer"]![0]!["valueBoolean"] = false;
        using var created = await system.PostFhirAsync("/fhir/r4/ServiceRequest", request);
        var id = (await created.FhirJsonAsync())["id"]!.GetValue<string>();

        var task = await TaskUntilAsync(system, id, "not-accepted");

        task["status"]!.GetValue<string>().Should().Be("rejected");
        task["statusReason"]!["coding"]!.AsArray().Should().NotBeEmpty();
        task["statusReason"]!["text"]!.GetValue<string>().Should().NotBeEmpty();
    }

    private static Task<JsonObject> TaskUntilAsync(HttpClient system, string id, string businessStatus) =>
        Eventually.UntilAsync(
            async () =>
            {
                using var response = await system.GetAsync(new Uri($"/fhir/r4/Task?focus=ServiceRequest/{id}", UriKind.Relative));
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                var bundle = await response.FhirJsonAsync();
                return bundle["entry"]!.AsArray().Single()!["resource"]!.AsObject();
            },
            task => task["businessStatus"]!["coding"]![0]!["code"]!.GetValue<string>() == businessStatus,
            $"the Task of {id} should reach {businessStatus}",
            describe: task => task.ToJsonString());
}
