using Hl7.Fhir.Model;

namespace RecoveryCoach.Web.Fhir;

/// <summary>What the FHIR API offers, as its <c>CapabilityStatement</c> at <c>GET /fhir/r4/metadata</c>.</summary>
public static class FhirCapabilities
{
    public static CapabilityStatement Build(Uri baseAddress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var root = new Uri(baseAddress, "/fhir/r4").ToString();
        return new CapabilityStatement
        {
            Url = root + "/metadata",
            Name = "RecoveryCoachReferrals",
            Title = "Recovery Coach Team referrals",
            Status = PublicationStatus.Active,
            Date = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "Cambridgeshire and Peterborough NHS Foundation Trust, Recovery Coach Team",
            Kind = CapabilityStatementKind.Instance,
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Referrals to the Recovery Coach Team from care coordinators' record systems", Url = root },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = "Send a referral as a ServiceRequest with its Patient, requester and QuestionnaireResponse contained, or as a transaction Bundle of them. Sign in with an OAuth 2.0 client-credentials token; a system reads only the referrals it sent.",
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                        Description = "A bearer token from the trust's identity provider, for this service's audience, from an allowed client",
                    },
                    Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction }],
                    Resource =
                    [
                        Resource(ResourceType.ServiceRequest, [CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read]),
                        Resource(ResourceType.Task, [CapabilityStatement.TypeRestfulInteraction.SearchType], new CapabilityStatement.SearchParamComponent { Name = "focus", Type = SearchParamType.Reference, Documentation = "ServiceRequest/{id}: the Task that says where that referral stands" }),
                        Resource(ResourceType.Questionnaire, [CapabilityStatement.TypeRestfulInteraction.Read]),
                    ],
                },
            ],
        };
    }

    private static CapabilityStatement.ResourceComponent Resource(ResourceType type, CapabilityStatement.TypeRestfulInteraction[] interactions, params CapabilityStatement.SearchParamComponent[] search) => new()
    {
        Type = type.ToString(),
        Profile = "http://hl7.org/fhir/StructureDefinition/" + type,
        Interaction = [.. interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i })],
        SearchParam = [.. search],
    };
}
