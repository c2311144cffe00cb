using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Tests;

/// <summary>Example referrals: one valid submission, and stored referrals in each status.</summary>
internal static class TestReferrals
{
    /// <summary>The date of referral the examples are written for.</summary>
    public static readonly DateOnly Today = new(2025, 6, 15);

    public static readonly DateTimeOffset SubmittedAt = new(2025, 6, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A submission by a care coordinator that passes validation on <see cref="Today"/>.</summary>
    public static ReferralSubmission ValidSubmission { get; } = new()
    {
        Person = new PersonSubmission
        {
            GivenName = "Zephyrina",
            FamilyName = "Quackenbush",
            DateOfBirth = "1990-04-12",
            NhsNumber = "943 476 5919",
            Email = "person@example.com",
            Phone = "07700 900 982",
            Postcode = "cb215ef",
            GpPractice = "Linton Health Centre",
        },
        Referrer = new ReferrerSubmission
        {
            Relationship = "care-coordinator",
            Name = "Alex Carer",
            Email = "alex.carer@example.nhs.uk",
            Phone = "01632 960 001",
            Organisation = "Cambridge North CMHT",
        },
        CareCoordinator = new CareCoordinatorSubmission
        {
            Name = "Alex Carer",
            Email = "alex.carer@example.nhs.uk",
            Phone = "01632 960 001",
        },
        InSecondaryMentalHealthServices = true,
        ReadyToWorkTowardsDischarge = true,
        StrugglingWithDischarge = true,
        Reason = "Unsure how to manage without the weekly appointments.",
        Consent = true,
    };

    public static UkPostcode Postcode(string text) =>
        UkPostcode.TryParse(text, out var postcode) ? postcode! : throw new ArgumentException($"Not a postcode: {text}", nameof(text));

    public static NhsNumber Nhs(string text) =>
        NhsNumber.TryParse(text, out var number) ? number : throw new ArgumentException($"Not an NHS number: {text}", nameof(text));

    /// <summary>Validated details of a person referred by someone who knows them.</summary>
    public static ReferralDetails Details(
        ReferrerRelationship relationship = ReferrerRelationship.SomeoneWhoKnowsThem,
        string? personEmail = "person@example.com",
        string? referrerEmail = "referrer@example.com",
        DateOnly? dateOfBirth = null) =>
        new(
            new PersonDetails("Zephyrina", "Quackenbush", dateOfBirth ?? new DateOnly(1990, 4, 12), Nhs("9434765919"), personEmail, "07700 900 982", Postcode("CB21 5EF"), "Linton Health Centre"),
            relationship == ReferrerRelationship.Self
                ? new ReferrerDetails(relationship, null, null, null, null)
                : new ReferrerDetails(relationship, "Sam Friend", referrerEmail, "01632 960 002", "Friends of Linton"),
            new CareCoordinatorDetails("Alex Carer", "alex.carer@example.nhs.uk", "01632 960 001"),
            InSecondaryMentalHealthServices: true,
            ReadyToWorkTowardsDischarge: true,
            StrugglingWithDischarge: true,
            Reason: "Worried about losing touch once the appointments stop.");

    public static EligibilityDecision EligibleDecision(string version = "0123456789ab") =>
        new(true, [new CriterionResult("Aged 17 to 65", true, "The person is aged 17 to 65 on the date of referral.")], version);

    public static Referral Allocated(Team team, ReferralDetails? details = null, string? id = null) =>
        new(
            id ?? NewId(),
            "RC-7K3M9Q",
            ReferralStatus.Allocated,
            details ?? Details(),
            SubmittedAt,
            SubmittedAt,
            EligibleDecision(),
            new AllocationDecision(team, team.Name, $"Postcode district CB21 is covered by the {team.Name} team.", "0123456789ab"));

    public static Referral AwaitingTriage(ReferralDetails? details = null) =>
        new(
            NewId(),
            "RC-TR2AGE",
            ReferralStatus.AwaitingTriage,
            details ?? Details(),
            SubmittedAt,
            SubmittedAt,
            EligibleDecision(),
            new AllocationDecision(null, null, "No allocation rule covers postcode district SW1A, so a team lead will choose the team.", "0123456789ab"));

    public static Referral Ineligible(IReadOnlyList<CriterionResult> criteria, string version, ReferralDetails? details = null) =>
        new(
            NewId(),
            "RC-NQPE22",
            ReferralStatus.Ineligible,
            details ?? Details(),
            SubmittedAt,
            SubmittedAt,
            new EligibilityDecision(false, criteria, version),
            null);

    public static string NewId() => Guid.NewGuid().ToString("N");
}
