using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// How one referral is laid out in its table partition (partition key = referral id): the
/// referral row, one row per decision, one per notification and one per audit entry. Keeping
/// them in one partition lets a change and its audit lines commit in a single transaction.
/// </summary>
internal static class ReferralRows
{
    public const string ReferralRow = "referral";
    public const string EligibilityRow = "decision-eligibility";
    public const string AllocationRow = "decision-allocation";
    public const string NotificationPrefix = "notification-";
    public const string AuditPrefix = "audit-";
    public const string StepPrefix = "step-";

    public static TableEntity ToEntity(Referral referral)
    {
        var d = referral.Details;
        return new TableEntity(referral.Id, ReferralRow)
        {
            ["Reference"] = referral.Reference,
            ["Status"] = referral.Status.ToString(),
            ["SubmittedAt"] = referral.SubmittedAt,
            ["UpdatedAt"] = referral.UpdatedAt,
            ["GivenName"] = d.Person.GivenName,
            ["FamilyName"] = d.Person.FamilyName,
            ["DateOfBirth"] = d.Person.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["NhsNumber"] = d.Person.NhsNumber?.Digits,
            ["PersonEmail"] = d.Person.Email,
            ["PersonPhone"] = d.Person.Phone,
            ["Postcode"] = d.Person.Postcode.ToString(),
            ["GpPractice"] = d.Person.GpPractice,
            ["GpPracticeEmail"] = d.Person.GpPracticeEmail,
            ["ReferrerRelationship"] = d.Referrer.Relationship.ToName(),
            ["ReferrerName"] = d.Referrer.Name,
            ["ReferrerEmail"] = d.Referrer.Email,
            ["ReferrerPhone"] = d.Referrer.Phone,
            ["ReferrerOrganisation"] = d.Referrer.Organisation,
            ["CareCoordinatorName"] = d.CareCoordinator?.Name,
            ["CareCoordinatorEmail"] = d.CareCoordinator?.Email,
            ["CareCoordinatorPhone"] = d.CareCoordinator?.Phone,
            ["InSecondaryMentalHealthServices"] = d.InSecondaryMentalHealthServices,
            ["ReadyToWorkTowardsDischarge"] = d.ReadyToWorkTowardsDischarge,
            ["StrugglingWithDischarge"] = d.StrugglingWithDischarge,
            ["Reason"] = d.Reason,
            ["Team"] = referral.TeamCode,
            ["Journey"] = referral.Journey is null ? null : JsonSerializer.Serialize(referral.Journey),
            ["Coach"] = referral.Coach,
            ["Plan"] = referral.Plan is null ? null : JsonSerializer.Serialize(referral.Plan),
            ["DischargedOn"] = referral.DischargedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Closure"] = referral.Closure is null ? null : JsonSerializer.Serialize(referral.Closure),
            ["FirstContactAt"] = referral.FirstContactAt,
            ["DeleteAfter"] = referral.DeleteAfter,
            ["LegalHold"] = referral.LegalHold,
        };
    }

    /// <summary>Marks a journey step as applied, in the transaction that applies it, so applying it again is recognised.</summary>
    public static TableEntity ToStepEntity(string referralId, string stepKey, DateTimeOffset at) =>
        new(referralId, StepPrefix + stepKey) { ["At"] = at };

    public static TableEntity ToEntity(string referralId, EligibilityDecision decision, DateTimeOffset decidedAt) =>
        new(referralId, EligibilityRow)
        {
            ["Eligible"] = decision.Eligible,
            ["Criteria"] = JsonSerializer.Serialize(decision.Criteria),
            ["RulesetVersion"] = decision.RulesetVersion,
            ["DecidedAt"] = decidedAt,
        };

    public static TableEntity ToEntity(string referralId, AllocationDecision decision, DateTimeOffset decidedAt) =>
        new(referralId, AllocationRow)
        {
            ["Team"] = decision.Team?.Code,
            ["Rule"] = decision.Rule,
            ["Reason"] = decision.Reason,
            ["RulesetVersion"] = decision.RulesetVersion,
            ["DecidedAt"] = decidedAt,
        };

    public static TableEntity ToEntity(string referralId, NotificationRecord notification) =>
        new(referralId, NotificationPrefix + notification.Key)
        {
            ["Recipient"] = notification.Recipient,
            ["Sent"] = notification.Sent,
            ["AttemptedAt"] = notification.AttemptedAt,
            ["Failure"] = notification.Failure,
            ["Withheld"] = notification.Withheld,
        };

    /// <summary>
    /// An audit row's key: its position in the trail as its writer read it, then its time and a
    /// random part. The position keeps the lines in the order written even when many share a
    /// timestamp (the journey writes several at one instant); the time and the random part keep
    /// two writers who read the same trail at once, such as two views of a referral page, from
    /// taking the same key. Rows written before, keyed by the position alone, sort among these
    /// in their place.
    /// </summary>
    public static TableEntity ToEntity(string referralId, AuditEntry entry, int position) =>
        new(referralId, string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix}{position:D6}-{entry.At.UtcTicks:D19}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}"))
        {
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Detail"] = entry.Detail,
        };

    public static ReferralSummary ToSummary(TableEntity row) =>
        new(
            row.PartitionKey,
            row.GetString("Reference"),
            Enum.Parse<ReferralStatus>(row.GetString("Status")),
            row.GetString("Team"),
            row.GetDateTimeOffset("SubmittedAt")!.Value,
            row.GetString("Closure") is { } closure ? JsonSerializer.Deserialize<ClosureRecord>(closure)!.Reason : null);

    public static ReferralRecord ToRecord(IReadOnlyList<TableEntity> partition)
    {
        var row = partition.Single(e => e.RowKey == ReferralRow);
        var eligibilityRow = partition.SingleOrDefault(e => e.RowKey == EligibilityRow);
        var allocationRow = partition.SingleOrDefault(e => e.RowKey == AllocationRow);

        var eligibility = eligibilityRow is null ? null : new EligibilityDecision(
            eligibilityRow.GetBoolean("Eligible") ?? false,
            JsonSerializer.Deserialize<List<CriterionResult>>(eligibilityRow.GetString("Criteria")) ?? [],
            eligibilityRow.GetString("RulesetVersion"));
        AllocationDecision? allocation = null;
        if (allocationRow is not null)
        {
            Team.TryFind(allocationRow.GetString("Team"), out var team);
            allocation = new AllocationDecision(team, allocationRow.GetString("Rule"), allocationRow.GetString("Reason"), allocationRow.GetString("RulesetVersion"));
        }

        var referral = new Referral(
            row.PartitionKey,
            row.GetString("Reference"),
            Enum.Parse<ReferralStatus>(row.GetString("Status")),
            DetailsOf(row),
            row.GetDateTimeOffset("SubmittedAt")!.Value,
            row.GetDateTimeOffset("UpdatedAt")!.Value,
            eligibility,
            allocation,
            row.GetString("Journey") is { } journey ? JsonSerializer.Deserialize<JourneyValues>(journey) : null,
            row.GetString("Coach"),
            row.GetString("Plan") is { } plan ? JsonSerializer.Deserialize<CoachingPlan>(plan) : null,
            row.GetString("DischargedOn") is { } discharged ? DateOnly.ParseExact(discharged, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            row.GetString("Closure") is { } closure ? JsonSerializer.Deserialize<ClosureRecord>(closure) : null,
            row.GetDateTimeOffset("FirstContactAt"),
            row.GetDateTimeOffset("DeleteAfter"),
            row.GetBoolean("LegalHold") ?? false);

        var notifications = partition
            .Where(e => e.RowKey.StartsWith(NotificationPrefix, StringComparison.Ordinal))
            .Select(e => new NotificationRecord(
                e.RowKey[NotificationPrefix.Length..],
                e.GetString("Recipient"),
                e.GetBoolean("Sent") ?? false,
                e.GetDateTimeOffset("AttemptedAt")!.Value,
                e.GetString("Failure"),
                e.GetBoolean("Withheld") ?? false))
            .OrderBy(n => n.AttemptedAt)
            .ToList();
        var audit = partition
            .Where(e => e.RowKey.StartsWith(AuditPrefix, StringComparison.Ordinal))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)
            .Select(e => new AuditEntry(e.GetDateTimeOffset("At")!.Value, e.GetString("Actor"), e.GetString("Action"), e.GetString("Detail")))
            .ToList();

        var steps = partition
            .Where(e => e.RowKey.StartsWith(StepPrefix, StringComparison.Ordinal))
            .Select(e => e.RowKey[StepPrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);

        return new ReferralRecord(referral, eligibilityRow?.GetDateTimeOffset("DecidedAt"), notifications, audit, steps, row.ETag);
    }

    private static ReferralDetails DetailsOf(TableEntity row)
    {
        NhsNumber? nhsNumber = row.GetString("NhsNumber") is { } digits
            ? NhsNumber.TryParse(digits, out var parsed) ? parsed : throw Unreadable(row, "NhsNumber")
            : null;
        var postcode = UkPostcode.TryParse(row.GetString("Postcode"), out var p) ? p! : throw Unreadable(row, "Postcode");
        var relationship = ReferrerRelationshipNames.TryParse(row.GetString("ReferrerRelationship"), out var r) ? r : throw Unreadable(row, "ReferrerRelationship");
        var careCoordinatorName = row.GetString("CareCoordinatorName");

        return new ReferralDetails(
            new PersonDetails(
                row.GetString("GivenName"),
                row.GetString("FamilyName"),
                DateOnly.ParseExact(row.GetString("DateOfBirth"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                nhsNumber,
                row.GetString("PersonEmail"),
                row.GetString("PersonPhone"),
                postcode,
                row.GetString("GpPractice"),
                row.GetString("GpPracticeEmail")),
            new ReferrerDetails(
                relationship,
                row.GetString("ReferrerName"),
                row.GetString("ReferrerEmail"),
                row.GetString("ReferrerPhone"),
                row.GetString("ReferrerOrganisation")),
            careCoordinatorName is null
                ? null
                : new CareCoordinatorDetails(careCoordinatorName, row.GetString("CareCoordinatorEmail"), row.GetString("CareCoordinatorPhone")),
            row.GetBoolean("InSecondaryMentalHealthServices") ?? false,
            row.GetBoolean("ReadyToWorkTowardsDischarge") ?? false,
            row.GetBoolean("StrugglingWithDischarge") ?? false,
            row.GetString("Reason"));
    }

    private static InvalidDataException Unreadable(TableEntity row, string column) =>
        new($"Referral {row.PartitionKey} has an unreadable {column} column.");
}
