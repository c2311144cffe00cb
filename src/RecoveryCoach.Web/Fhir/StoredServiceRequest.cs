using Hl7.Fhir.Model;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Intake;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// A stored referral as the ServiceRequest a record system reads back: built from the referral
/// itself, the one record of it, so it shows what the service holds, with the sender's own
/// identifier and the service's reference beside it.
/// </summary>
public static class StoredServiceRequest
{
    /// <summary>The identifier system of the service's references (RC-XXXXXX), which people quote on the phone.</summary>
    public const string ReferenceSystem = "https://recoverycoach.cpft.nhs.uk/Id/referral-reference";

    public static ServiceRequest From(Referral referral, ReferralSender sender, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(sender);
        var details = referral.Details;
        var person = details.Person;
        var patient = new Patient
        {
            Id = "patient",
            Identifier = person.NhsNumber is { } nhs ? [new Identifier(ServiceRequestReader.NhsNumberSystem, nhs.ToString().Replace(" ", string.Empty, StringComparison.Ordinal))] : [],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = person.FamilyName, Given = [person.GivenName] }],
            BirthDate = person.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Telecom = Telecom(person.Email, person.Phone),
            Address = [new Address { PostalCode = person.Postcode.ToString() }],
            GeneralPractitioner = person.GpPractice is { } gp ? [new ResourceReference { Display = gp }] : [],
        };
        var requester = new PractitionerRole
        {
            Id = "requester",
            Practitioner = details.Referrer.Name is { } name ? new ResourceReference { Display = name } : null,
            Organization = details.Referrer.Organisation is { } organisation ? new ResourceReference { Display = organisation } : null,
            Telecom = Telecom(details.Referrer.Email, details.Referrer.Phone),
        };
        var answers = new QuestionnaireResponse
        {
            Id = "answers",
            Questionnaire = ReferralQuestionnaire.Canonical(baseAddress),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference("#patient"),
            Item =
            [
                Answer(ReferralQuestionnaire.InSecondaryCare, details.InSecondaryMentalHealthServices),
                Answer(ReferralQuestionnaire.ReadyForDischarge, details.ReadyToWorkTowardsDischarge),
                Answer(ReferralQuestionnaire.StrugglingWithDischarge, details.StrugglingWithDischarge),
                Answer(ReferralQuestionnaire.Consent, true),
            ],
        };
        return new ServiceRequest
        {
            Id = referral.Id,
            Meta = new Meta { LastUpdated = referral.UpdatedAt },
            Identifier = [new Identifier(sender.IdentifierSystem, sender.IdentifierValue), new Identifier(ReferenceSystem, referral.Reference)],
            Status = referral.Status switch
            {
                ReferralStatus.Ineligible => RequestStatus.Revoked,
                ReferralStatus.Closed => RequestStatus.Completed,
                _ => RequestStatus.Active,
            },
            Intent = RequestIntent.Order,
            Contained = [patient, requester, answers],
            Subject = new ResourceReference("#patient"),
            Requester = new ResourceReference("#requester"),
            AuthoredOn = referral.SubmittedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            Note = [new Annotation { Text = details.Reason }],
            SupportingInfo = [new ResourceReference("#answers")],
        };
    }

    private static List<ContactPoint> Telecom(string? email, string? phone) =>
    [
        .. email is null ? [] : new[] { new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email) },
        .. phone is null ? [] : new[] { new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone) },
    ];

    private static QuestionnaireResponse.ItemComponent Answer(string linkId, bool value) => new()
    {
        LinkId = linkId,
        Answer = [new QuestionnaireResponse.AnswerComponent { Value = new FhirBoolean(value) }],
    };
}
