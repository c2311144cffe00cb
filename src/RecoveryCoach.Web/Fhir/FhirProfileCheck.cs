using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Checks a resource against the base FHIR R4 profiles shipped with the Firely SDK
/// (<c>Hl7.Fhir.Specification.Data.R4</c>): cardinalities, types, value sets bound as required
/// and every invariant (<c>ref-1</c>, a local reference with no contained resource; <c>dom-3</c>,
/// a contained resource nothing refers to; <c>cpt-2</c>, a telecom value with no system). The UK
/// Core profiles are not among the packages served, so what UK Core adds for a referral (the NHS
/// number identifier and its check digit, the subject a Patient) is checked in code by
/// <see cref="ServiceRequestReader"/> and the shared validation. Loading the profiles takes
/// seconds, so it happens once, on first use.
/// </summary>
public sealed class FhirProfileCheck
{
    private readonly Lazy<Validator> validator = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public IReadOnlyList<FhirIssue> Check(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var outcome = validator.Value.Validate(resource, "http://hl7.org/fhir/StructureDefinition/" + resource.TypeName);
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => new FhirIssue(
                i.Expression.FirstOrDefault() ?? resource.TypeName,
                i.Details?.Text ?? i.Diagnostics ?? "The resource does not meet the FHIR R4 profile",
                i.Code ?? OperationOutcome.IssueType.Invalid))];
    }

    /// <summary>Loads the profiles now, so the first referral does not wait for them.</summary>
    public void Warm() => _ = validator.Value;

    private static Validator Create()
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source.AsAsync()));
    }
}
