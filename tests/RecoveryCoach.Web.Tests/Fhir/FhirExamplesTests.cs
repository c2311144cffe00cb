using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Fhir;

/// <summary>
/// The integrators' examples in <c>docs/fhir/</c> say true: each invalid referral there gets
/// exactly the OperationOutcome written beside it, so a supplier can trust them.
/// </summary>
public sealed class FhirExamplesTests
{
    public static TheoryData<string> InvalidExamples() => [.. ExampleNames()];

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public async Task Each_invalid_example_gets_the_OperationOutcome_written_beside_it(string example)
    {
        await using var factory = new ReferralServiceFactory { Settings = FhirReferrals.Settings };
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("docs", "fhir", "invalid", example + ".outcome.json")))!;

        using var response = await factory.SignedIn().PostFhirAsync("/fhir/r4/ServiceRequest", FhirReferrals.Example($"invalid/{example}.json"));
        var outcome = await response.FhirJsonAsync();

        ((int)response.StatusCode).Should().BeOneOf(400, 422);
        JsonNode.DeepEquals(outcome, expected).Should().BeTrue($"docs/fhir/invalid/{example}.outcome.json should be what the service answers, which is {outcome.ToJsonString()}");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public void There_are_the_examples_the_integrators_guide_names()
    {
        ExampleNames().Should().Contain(["no-nhs-number", "bad-nhs-number-check-digit", "no-consent-answer", "wrong-resource-type", "missing-subject", "reason-too-long"]);
    }

    private static List<string> ExampleNames() =>
        [.. Directory.GetFiles(Repository.PathOf("docs", "fhir", "invalid"), "*.json")
            .Where(f => !f.EndsWith(".outcome.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal)];
}
