namespace RecoveryCoach.Referrals.Submissions;

/// <summary>
/// A referral exactly as submitted, before validation. Every field is nullable and dates are
/// strings so that a bad value is reported against its own field instead of failing the whole body.
/// </summary>
public sealed record ReferralSubmission
{
    public PersonSubmission? Person { get; init; }
    public ReferrerSubmission? Referrer { get; init; }
    public CareCoordinatorSubmission? CareCoordinator { get; init; }
    public bool? InSecondaryMentalHealthServices { get; init; }
    public bool? ReadyToWorkTowardsDischarge { get; init; }
    public bool? StrugglingWithDischarge { get; init; }

    /// <summary>Why the person is or may be struggling with discharge. Clinical free text: never logged or emailed.</summary>
    public string? Reason { get; init; }

    public bool? Consent { get; init; }
}

public sealed record PersonSubmission
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? DateOfBirth { get; init; }
    public string? NhsNumber { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Postcode { get; init; }
    public string? GpPractice { get; init; }

    /// <summary>The GP practice's email address, for the summary sent when coaching closes.</summary>
    public string? GpPracticeEmail { get; init; }
}

public sealed record ReferrerSubmission
{
    public string? Relationship { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Organisation { get; init; }
}

public sealed record CareCoordinatorSubmission
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}
