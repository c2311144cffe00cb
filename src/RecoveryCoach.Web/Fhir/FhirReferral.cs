using Hl7.Fhir.Model;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// A referral as a record system sent it: the ServiceRequest, the sender's identifier for it
/// (the idempotency key of a repeat), and the same submission the web form and the JSON API make.
/// </summary>
public sealed record FhirReferral(ServiceRequest Request, Identifier? Identifier, ReferralSubmission Submission)
{
    /// <summary>The idempotency key: the sender's client id and identifier together, so two systems' numbering never clash.</summary>
    public string? KeyFor(string clientId) => Identifier is null ? null : $"fhir|{clientId}|{Identifier.System}|{Identifier.Value}";
}
