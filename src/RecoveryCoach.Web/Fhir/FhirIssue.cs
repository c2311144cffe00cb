using Hl7.Fhir.Model;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// One problem with a resource sent to the FHIR API, named by the FHIRPath expression of the
/// element at fault (<c>ServiceRequest.subject.birthDate</c>) so a record system can point its
/// user at the field.
/// </summary>
/// <param name="Expression">Where: a FHIRPath expression from the ServiceRequest, or the Bundle.</param>
/// <param name="Message">What is wrong, in words a person can act on.</param>
/// <param name="Code">The FHIR issue type: <c>required</c>, <c>value</c>, <c>structure</c>, <c>invariant</c> or <c>duplicate</c>.</param>
public sealed record FhirIssue(string Expression, string Message, OperationOutcome.IssueType Code = OperationOutcome.IssueType.Value)
{
    public static OperationOutcome Outcome(IEnumerable<FhirIssue> issues) => new()
    {
        Issue = [.. issues.Select(i => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = i.Code,
            Diagnostics = i.Message,
            Details = new CodeableConcept { Text = i.Message },
            Expression = [i.Expression],
        })],
    };

    /// <summary>An outcome with one issue, for answers such as 401, 404 and 415.</summary>
    public static OperationOutcome Outcome(OperationOutcome.IssueType code, string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = message, Details = new CodeableConcept { Text = message } }],
    };
}
