using System.Globalization;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Web.Pages.Refer;

/// <summary>
/// The referral form's fields as a browser posts them. It becomes the same
/// <see cref="ReferralSubmission"/> the JSON API takes, so the form and the API check a referral
/// the same way.
/// </summary>
public sealed class ReferralForm
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? BirthDay { get; set; }
    public string? BirthMonth { get; set; }
    public string? BirthYear { get; set; }
    public string? NhsNumber { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Postcode { get; set; }
    public string? GpPractice { get; set; }
    public string? GpPracticeEmail { get; set; }
    public string? Relationship { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerEmail { get; set; }
    public string? ReferrerPhone { get; set; }
    public string? ReferrerOrganisation { get; set; }
    public string? CareCoordinatorName { get; set; }
    public string? CareCoordinatorEmail { get; set; }
    public string? CareCoordinatorPhone { get; set; }
    public string? InSecondaryMentalHealthServices { get; set; }
    public string? ReadyToWorkTowardsDischarge { get; set; }
    public string? StrugglingWithDischarge { get; set; }
    public string? Reason { get; set; }
    public bool Consent { get; set; }

    /// <summary>Drawn when the form is shown, so sending it twice (a double click, a retry) makes one referral.</summary>
    public string? IdempotencyKey { get; set; }

    public ReferralSubmission ToSubmission() => new()
    {
        Person = new PersonSubmission
        {
            GivenName = GivenName,
            FamilyName = FamilyName,
            DateOfBirth = DateOfBirth(),
            NhsNumber = NhsNumber,
            Email = Email,
            Phone = Phone,
            Postcode = Postcode,
            GpPractice = GpPractice,
            GpPracticeEmail = GpPracticeEmail,
        },
        Referrer = new ReferrerSubmission
        {
            Relationship = Relationship,
            Name = ReferrerName,
            Email = ReferrerEmail,
            Phone = ReferrerPhone,
            Organisation = ReferrerOrganisation,
        },
        CareCoordinator = new CareCoordinatorSubmission { Name = CareCoordinatorName, Email = CareCoordinatorEmail, Phone = CareCoordinatorPhone },
        InSecondaryMentalHealthServices = Answer(InSecondaryMentalHealthServices),
        ReadyToWorkTowardsDischarge = Answer(ReadyToWorkTowardsDischarge),
        StrugglingWithDischarge = Answer(StrugglingWithDischarge),
        Reason = Reason,
        Consent = Consent,
    };

    /// <summary>The three boxes as an ISO date; empty when all are empty, and a non-date when any is not a number.</summary>
    private string? DateOfBirth()
    {
        if (string.IsNullOrWhiteSpace(BirthDay) && string.IsNullOrWhiteSpace(BirthMonth) && string.IsNullOrWhiteSpace(BirthYear))
        {
            return null;
        }

        return int.TryParse(BirthDay, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(BirthMonth, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(BirthYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1000 and <= 9999
                ? string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}")
                : "not a date";
    }

    private static bool? Answer(string? radio) => radio switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };
}
