namespace RecoveryCoach.Referrals.Submissions;

/// <summary>A referral that has passed validation: every value parsed and normalised.</summary>
public sealed record ReferralDetails(
    PersonDetails Person,
    ReferrerDetails Referrer,
    CareCoordinatorDetails? CareCoordinator,
    bool InSecondaryMentalHealthServices,
    bool ReadyToWorkTowardsDischarge,
    bool StrugglingWithDischarge,
    string Reason);

public sealed record PersonDetails(
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    NhsNumber? NhsNumber,
    string? Email,
    string? Phone,
    UkPostcode Postcode,
    string? GpPractice,
    string? GpPracticeEmail = null);

/// <summary>
/// Who made the referral. For a self-referral the person's own contact details are used,
/// so name and contact here may be empty.
/// </summary>
public sealed record ReferrerDetails(
    ReferrerRelationship Relationship,
    string? Name,
    string? Email,
    string? Phone,
    string? Organisation);

public sealed record CareCoordinatorDetails(string Name, string? Email, string? Phone);
