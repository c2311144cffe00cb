using Hl7.Fhir.Model;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Reads a referral from a ServiceRequest, alone with its parts contained or in a transaction
/// Bundle with them, into the submission the web form and the JSON API make, so one validation,
/// one set of rules and one journey serve every channel. What FHIR itself needs and a submission
/// cannot say (the status, the intent, the sender's identifier, an NHS number identifier, the
/// subject a Patient, the criteria answered in a QuestionnaireResponse) is checked here.
/// </summary>
public static class ServiceRequestReader
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>
    /// The referral and what FHIR finds wrong with it; the referral is null only when there is no
    /// ServiceRequest to read, so its submission's own errors can be reported with the rest.
    /// </summary>
    public static (FhirReferral? Referral, IReadOnlyList<FhirIssue> Issues) Read(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var issues = new List<FhirIssue>();
        var (request, bundle) = Unwrap(resource, issues);
        if (request is null)
        {
            return (null, issues);
        }

        var references = new FhirReferences(request, bundle);
        if (request.Status != RequestStatus.Active)
        {
            issues.Add(new FhirIssue("ServiceRequest.status", "A referral's status must be active", OperationOutcome.IssueType.Value));
        }

        if (request.Intent != RequestIntent.Order)
        {
            issues.Add(new FhirIssue("ServiceRequest.intent", "A referral's intent must be order", OperationOutcome.IssueType.Value));
        }

        var identifier = request.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.System) && !string.IsNullOrWhiteSpace(i.Value));
        if (identifier?.System is not { } system || identifier.Value is not { } value)
        {
            issues.Add(new FhirIssue("ServiceRequest.identifier", "Give the referral an identifier with a system and a value: a repeat with the same identifier is recognised", OperationOutcome.IssueType.Required));
        }
        else if (system.Length + value.Length > 1000)
        {
            issues.Add(new FhirIssue("ServiceRequest.identifier", "The identifier's system and value must be 1,000 characters or fewer together"));
        }

        var person = ReadPatient(request, references, issues);
        var requester = ReadRequester(request, references, issues);
        var answers = ReadAnswers(request, references, issues);
        var submission = new ReferralSubmission
        {
            Person = person,
            Referrer = requester,
            CareCoordinator = new CareCoordinatorSubmission { Name = requester?.Name, Email = requester?.Email, Phone = requester?.Phone },
            InSecondaryMentalHealthServices = answers.GetValueOrDefault(ReferralQuestionnaire.InSecondaryCare),
            ReadyToWorkTowardsDischarge = answers.GetValueOrDefault(ReferralQuestionnaire.ReadyForDischarge),
            StrugglingWithDischarge = answers.GetValueOrDefault(ReferralQuestionnaire.StrugglingWithDischarge),
            Consent = answers.GetValueOrDefault(ReferralQuestionnaire.Consent),
            Reason = Reason(request),
        };
        return (new FhirReferral(request, identifier, submission), issues);
    }

    private static (ServiceRequest? Request, Bundle? Bundle) Unwrap(Resource resource, List<FhirIssue> issues)
    {
        switch (resource)
        {
            case ServiceRequest alone:
                return (alone, null);
            case Bundle { Type: Bundle.BundleType.Transaction } bundle:
                var requests = bundle.Entry.Select(e => e.Resource).OfType<ServiceRequest>().ToList();
                if (requests.Count == 1)
                {
                    return (requests[0], bundle);
                }

                issues.Add(new FhirIssue("Bundle.entry", "A referral Bundle holds exactly one ServiceRequest", OperationOutcome.IssueType.Structure));
                return (null, null);
            case Bundle:
                issues.Add(new FhirIssue("Bundle.type", "Send the referral as a transaction Bundle", OperationOutcome.IssueType.Value));
                return (null, null);
            default:
                issues.Add(new FhirIssue(resource.TypeName, $"Send a ServiceRequest or a transaction Bundle, not a {resource.TypeName}", OperationOutcome.IssueType.NotSupported));
                return (null, null);
        }
    }

    private static PersonSubmission? ReadPatient(ServiceRequest request, FhirReferences references, List<FhirIssue> issues)
    {
        if (request.Subject is null)
        {
            issues.Add(new FhirIssue("ServiceRequest.subject", "Say who is being referred: a Patient contained in the ServiceRequest or in the Bundle", OperationOutcome.IssueType.Required));
            return null;
        }

        if (references.Resolve<Patient>(request.Subject) is not { } patient)
        {
            issues.Add(new FhirIssue("ServiceRequest.subject", "The subject must be a Patient contained in the ServiceRequest or in the Bundle", OperationOutcome.IssueType.Invalid));
            return null;
        }

        var nhsNumber = patient.Identifier.FirstOrDefault(i => i.System == NhsNumberSystem)?.Value;
        if (string.IsNullOrWhiteSpace(nhsNumber))
        {
            issues.Add(new FhirIssue("ServiceRequest.subject.identifier", $"Give the person's NHS number as an identifier with the system {NhsNumberSystem}", OperationOutcome.IssueType.Required));
        }

        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        return new PersonSubmission
        {
            GivenName = name?.Given.FirstOrDefault(),
            FamilyName = name?.Family,
            DateOfBirth = patient.BirthDate,
            NhsNumber = nhsNumber,
            Email = Telecom(patient.Telecom, ContactPoint.ContactPointSystem.Email),
            Phone = Telecom(patient.Telecom, ContactPoint.ContactPointSystem.Phone) ?? Telecom(patient.Telecom, ContactPoint.ContactPointSystem.Sms),
            Postcode = patient.Address.Select(a => a.PostalCode).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)),
            GpPractice = patient.GeneralPractitioner.Select(g => references.Resolve<Organization>(g)?.Name ?? g.Display).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
        };
    }

    private static ReferrerSubmission? ReadRequester(ServiceRequest request, FhirReferences references, List<FhirIssue> issues)
    {
        var role = references.Resolve<PractitionerRole>(request.Requester);
        var practitioner = references.Resolve<Practitioner>(request.Requester) ?? references.Resolve<Practitioner>(role?.Practitioner);
        if (role is null && practitioner is null)
        {
            issues.Add(new FhirIssue("ServiceRequest.requester", "Say who is referring: a Practitioner or PractitionerRole contained in the ServiceRequest or in the Bundle", OperationOutcome.IssueType.Required));
            return null;
        }

        var name = practitioner?.Name.FirstOrDefault();
        var telecom = (role?.Telecom ?? []).Concat(practitioner?.Telecom ?? []).ToList();
        var organisation = references.Resolve<Organization>(role?.Organization)?.Name ?? role?.Organization?.Display;
        return new ReferrerSubmission
        {
            Relationship = "care-coordinator",
            Name = name is null ? role?.Practitioner?.Display : string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p))),
            Email = Telecom(telecom, ContactPoint.ContactPointSystem.Email),
            Phone = Telecom(telecom, ContactPoint.ContactPointSystem.Phone),
            Organisation = organisation,
        };
    }

    private static Dictionary<string, bool?> ReadAnswers(ServiceRequest request, FhirReferences references, List<FhirIssue> issues)
    {
        if (references.First<QuestionnaireResponse>(request.SupportingInfo) is not { } response)
        {
            issues.Add(new FhirIssue("ServiceRequest.supportingInfo", $"Answer the criteria and consent in a QuestionnaireResponse to Questionnaire/{ReferralQuestionnaire.Id}, referenced from supportingInfo", OperationOutcome.IssueType.Required));
            return [];
        }

        return response.Item
            .Where(i => i.LinkId is not null)
            .GroupBy(i => i.LinkId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Answer.Select(a => (a.Value as FhirBoolean)?.Value).FirstOrDefault(), StringComparer.Ordinal);
    }

    private static string? Reason(ServiceRequest request)
    {
        var parts = request.ReasonCode.Select(c => c.Text ?? c.Coding.FirstOrDefault()?.Display)
            .Concat(request.Note.Select(n => n.Text))
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .ToList();
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    private static string? Telecom(IEnumerable<ContactPoint> points, ContactPoint.ContactPointSystem system) =>
        points.FirstOrDefault(p => p.System == system && !string.IsNullOrWhiteSpace(p.Value))?.Value;
}
