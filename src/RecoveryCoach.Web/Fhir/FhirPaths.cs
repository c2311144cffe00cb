namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Where in a FHIR referral each field of the service's own submission comes from, so an error
/// the shared validation finds (<c>person.dateOfBirth</c>) is reported where the sender put the
/// value (<c>ServiceRequest.subject.birthDate</c>). Paths through a reference name the
/// referenced resource's element, as <c>subject.birthDate</c> reads.
/// </summary>
public static class FhirPaths
{
    private static readonly Dictionary<string, string> ByField = new(StringComparer.Ordinal)
    {
        ["person"] = "ServiceRequest.subject",
        ["person.givenName"] = "ServiceRequest.subject.name.given",
        ["person.familyName"] = "ServiceRequest.subject.name.family",
        ["person.dateOfBirth"] = "ServiceRequest.subject.birthDate",
        ["person.nhsNumber"] = "ServiceRequest.subject.identifier",
        ["person.email"] = "ServiceRequest.subject.telecom",
        ["person.phone"] = "ServiceRequest.subject.telecom",
        ["person.postcode"] = "ServiceRequest.subject.address.postalCode",
        ["person.gpPractice"] = "ServiceRequest.subject.generalPractitioner",
        ["person.gpPracticeEmail"] = "ServiceRequest.subject.generalPractitioner",
        ["referrer"] = "ServiceRequest.requester",
        ["referrer.relationship"] = "ServiceRequest.requester",
        ["referrer.name"] = "ServiceRequest.requester.name",
        ["referrer.email"] = "ServiceRequest.requester.telecom",
        ["referrer.phone"] = "ServiceRequest.requester.telecom",
        ["referrer.organisation"] = "ServiceRequest.requester.organization",
        ["careCoordinator.name"] = "ServiceRequest.requester.name",
        ["careCoordinator.email"] = "ServiceRequest.requester.telecom",
        ["careCoordinator.phone"] = "ServiceRequest.requester.telecom",
        ["inSecondaryMentalHealthServices"] = Answer(ReferralQuestionnaire.InSecondaryCare),
        ["readyToWorkTowardsDischarge"] = Answer(ReferralQuestionnaire.ReadyForDischarge),
        ["strugglingWithDischarge"] = Answer(ReferralQuestionnaire.StrugglingWithDischarge),
        ["consent"] = Answer(ReferralQuestionnaire.Consent),
        ["reason"] = "ServiceRequest.note",
    };

    /// <summary>The expression for a field of the submission; the ServiceRequest itself for any other.</summary>
    public static string Of(string field) => ByField.GetValueOrDefault(field, "ServiceRequest");

    /// <summary>The answer to one question of <see cref="ReferralQuestionnaire"/>.</summary>
    public static string Answer(string linkId) => $"ServiceRequest.supportingInfo.item.where(linkId='{linkId}').answer";

    /// <summary>The validation errors of a submission, each at its element.</summary>
    public static IEnumerable<FhirIssue> IssuesOf(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.SelectMany(e => e.Value.Select(message => new FhirIssue(Of(e.Key), message)));
    }
}
