using Hl7.Fhir.Model;
using RecoveryCoach.Referrals;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Where a referral stands, as the FHIR <c>Task</c> that fulfils its ServiceRequest: the Task's
/// status in FHIR's own words, its <c>businessStatus</c> in the service's (received, accepted,
/// not accepted, in coaching, completed), the unmet criteria of a referral not accepted, and the
/// closure's outcome as <c>output</c>. It carries no clinical text.
/// </summary>
public static class ReferralTask
{
    public const string BusinessStatusSystem = "https://recoverycoach.cpft.nhs.uk/CodeSystem/referral-business-status";

    public const string OutputSystem = "https://recoverycoach.cpft.nhs.uk/CodeSystem/referral-output";

    public static Hl7.Fhir.Model.Task From(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var (status, business, display) = referral.Status switch
        {
            ReferralStatus.Received => (Hl7.Fhir.Model.Task.TaskStatus.Received, "received", "Received"),
            ReferralStatus.Ineligible => (Hl7.Fhir.Model.Task.TaskStatus.Rejected, "not-accepted", "Not accepted"),
            ReferralStatus.Coaching => (Hl7.Fhir.Model.Task.TaskStatus.InProgress, "in-coaching", "In coaching"),
            ReferralStatus.Closed => (Hl7.Fhir.Model.Task.TaskStatus.Completed, "completed", "Completed"),
            _ => (Hl7.Fhir.Model.Task.TaskStatus.Accepted, "accepted", "Accepted"),
        };
        var task = new Hl7.Fhir.Model.Task
        {
            Id = referral.Id,
            Meta = new Meta { LastUpdated = referral.UpdatedAt },
            Status = status,
            BusinessStatus = new CodeableConcept(BusinessStatusSystem, business, display),
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Focus = new ResourceReference("ServiceRequest/" + referral.Id),
            AuthoredOn = referral.SubmittedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            LastModified = referral.UpdatedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            Identifier = [new Identifier(StoredServiceRequest.ReferenceSystem, referral.Reference)],
        };
        if (referral.Status == ReferralStatus.Ineligible && referral.Eligibility is { } eligibility)
        {
            var unmet = eligibility.Criteria.Where(c => !c.Met).ToList();
            task.StatusReason = new CodeableConcept
            {
                Coding = [.. unmet.Select(c => new Coding(BusinessStatusSystem, c.Criterion))],
                Text = string.Join("; ", unmet.Select(c => c.Reason)),
            };
        }

        if (referral.Status == ReferralStatus.Closed && referral.Closure is { } closure)
        {
            task.ExecutionPeriod = new Period { End = closure.ClosedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture) };
            task.Output =
            [
                new Hl7.Fhir.Model.Task.OutputComponent
                {
                    Type = new CodeableConcept(OutputSystem, "closure-reason", "Why the referral closed"),
                    Value = new Coding(OutputSystem + "/closure-reason", closure.Reason, ClosureReasons.Describe(closure.Reason)),
                },
            ];
        }

        return task;
    }
}
