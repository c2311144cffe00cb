using Hl7.Fhir.Model;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// The questions a referral answers besides who and why: the three criteria the team's rules
/// judge and the person's consent, as a FHIR <c>Questionnaire</c>. A referral's
/// <c>supportingInfo</c> carries a <c>QuestionnaireResponse</c> answering it; each answer is a
/// boolean, as on the web form.
/// </summary>
public static class ReferralQuestionnaire
{
    public const string Id = "recovery-coach-referral";

    public const string InSecondaryCare = "in-secondary-mental-health-services";

    public const string ReadyForDischarge = "ready-to-work-towards-discharge";

    public const string StrugglingWithDischarge = "struggling-with-discharge";

    public const string Consent = "consent";

    /// <summary>The canonical URL a response names in <c>questionnaire</c>; the Questionnaire's own address on this service.</summary>
    public static string Canonical(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return new Uri(baseAddress, "/fhir/r4/Questionnaire/" + Id).ToString();
    }

    public static Questionnaire Build(Uri baseAddress) => new()
    {
        Id = Id,
        Url = Canonical(baseAddress),
        Name = "RecoveryCoachReferral",
        Title = "Recovery Coach Team referral: criteria and consent",
        Status = PublicationStatus.Active,
        SubjectType = [ResourceType.Patient],
        Publisher = "Cambridgeshire and Peterborough NHS Foundation Trust, Recovery Coach Team",
        Item =
        [
            Question(InSecondaryCare, "Is the person currently in secondary mental health services?"),
            Question(ReadyForDischarge, "Is the person ready to work towards discharge to their GP?"),
            Question(StrugglingWithDischarge, "Is the person struggling, or likely to struggle, with discharge?"),
            Question(Consent, "Has the person agreed to be referred to the Recovery Coach Team?"),
        ],
    };

    private static Questionnaire.ItemComponent Question(string linkId, string text) => new()
    {
        LinkId = linkId,
        Text = text,
        Type = Questionnaire.QuestionnaireItemType.Boolean,
        Required = true,
    };
}
