using System.Globalization;

namespace RecoveryCoach.Referrals.Submissions;

/// <summary>The outcome of validating a submission: either the parsed details or every error by field path.</summary>
public sealed record ReferralValidation(ReferralDetails? Details, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Details is not null;
}

/// <summary>
/// Checks a submission and turns it into <see cref="ReferralDetails"/>. Every problem is reported
/// at once, keyed by the field path the client sent (<c>person.dateOfBirth</c>), so a form can
/// show each error beside its field.
/// </summary>
public static class ReferralValidator
{
    public const int MaxReasonLength = 4000;
    private const int MaxNameLength = 100;
    private const int MaxTextLength = 200;
    private const int OldestAgeAccepted = 120;

    /// <param name="submission">What the client sent.</param>
    /// <param name="today">The date of referral in the UK, which a date of birth may not be after.</param>
    public static ReferralValidation Validate(ReferralSubmission submission, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var errors = new FieldErrors();

        var person = ValidatePerson(submission.Person, today, errors);
        var referrer = ValidateReferrer(submission.Referrer, errors);
        var careCoordinator = ValidateCareCoordinator(submission.CareCoordinator, errors);

        errors.RequireAnswer(submission.InSecondaryMentalHealthServices, "inSecondaryMentalHealthServices", "Answer whether the person is in secondary mental health services");
        errors.RequireAnswer(submission.ReadyToWorkTowardsDischarge, "readyToWorkTowardsDischarge", "Answer whether the person is ready to work towards discharge");
        errors.RequireAnswer(submission.StrugglingWithDischarge, "strugglingWithDischarge", "Answer whether the person is struggling with the discharge process");

        var reason = submission.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "Enter why the person is or may be struggling with discharge");
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"Reason must be {MaxReasonLength:N0} characters or fewer");
        }

        if (submission.Consent != true)
        {
            errors.Add("consent", "The person must agree to be referred");
        }

        if (errors.Any || person is null || referrer is null)
        {
            return new ReferralValidation(null, errors.ToDictionary());
        }

        var details = new ReferralDetails(
            person,
            referrer,
            careCoordinator,
            submission.InSecondaryMentalHealthServices!.Value,
            submission.ReadyToWorkTowardsDischarge!.Value,
            submission.StrugglingWithDischarge!.Value,
            reason!);
        return new ReferralValidation(details, errors.ToDictionary());
    }

    internal static PersonDetails? ValidatePerson(PersonSubmission? person, DateOnly today, FieldErrors errors)
    {
        if (person is null)
        {
            errors.Add("person", "Enter the details of the person being referred");
            return null;
        }

        var givenName = errors.RequireText(person.GivenName, "person.givenName", "Enter the person's given name", MaxNameLength);
        var familyName = errors.RequireText(person.FamilyName, "person.familyName", "Enter the person's family name", MaxNameLength);
        var dateOfBirth = ValidateDateOfBirth(person.DateOfBirth, today, errors);

        NhsNumber? nhsNumber = null;
        if (!string.IsNullOrWhiteSpace(person.NhsNumber))
        {
            if (NhsNumber.TryParse(person.NhsNumber.Trim(), out var parsed))
            {
                nhsNumber = parsed;
            }
            else
            {
                errors.Add("person.nhsNumber", "Enter a valid 10-digit NHS number, like 943 476 5919");
            }
        }

        var email = errors.OptionalEmail(person.Email, "person.email");
        var phone = errors.OptionalPhone(person.Phone, "person.phone");
        if (string.IsNullOrWhiteSpace(person.Email) && string.IsNullOrWhiteSpace(person.Phone))
        {
            errors.Add("person.email", "Enter an email address or a phone number for the person");
        }

        UkPostcode? postcode = null;
        if (string.IsNullOrWhiteSpace(person.Postcode))
        {
            errors.Add("person.postcode", "Enter the person's postcode");
        }
        else if (!UkPostcode.TryParse(person.Postcode, out postcode))
        {
            errors.Add("person.postcode", "Enter a real UK postcode, like CB21 5EF");
        }

        var gpPractice = errors.OptionalText(person.GpPractice, "person.gpPractice", MaxTextLength);
        var gpPracticeEmail = errors.OptionalEmail(person.GpPracticeEmail, "person.gpPracticeEmail");

        if (givenName is null || familyName is null || dateOfBirth is null || postcode is null)
        {
            return null;
        }

        return new PersonDetails(givenName, familyName, dateOfBirth.Value, nhsNumber, email, phone, postcode, gpPractice, gpPracticeEmail);
    }

    private static DateOnly? ValidateDateOfBirth(string? text, DateOnly today, FieldErrors errors)
    {
        const string field = "person.dateOfBirth";
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Enter the person's date of birth");
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, "Date of birth must be a real date in the form YYYY-MM-DD");
            return null;
        }

        if (date > today)
        {
            errors.Add(field, "Date of birth must be in the past");
            return null;
        }

        if (date < today.AddYears(-OldestAgeAccepted))
        {
            errors.Add(field, $"Date of birth must be within the last {OldestAgeAccepted} years");
            return null;
        }

        return date;
    }

    private static ReferrerDetails? ValidateReferrer(ReferrerSubmission? referrer, FieldErrors errors)
    {
        if (referrer is null)
        {
            errors.Add("referrer.relationship", $"Say who is making the referral: one of {string.Join(", ", ReferrerRelationshipNames.All)}");
            return null;
        }

        if (!ReferrerRelationshipNames.TryParse(referrer.Relationship, out var relationship))
        {
            errors.Add("referrer.relationship", $"Say who is making the referral: one of {string.Join(", ", ReferrerRelationshipNames.All)}");
            return null;
        }

        var email = errors.OptionalEmail(referrer.Email, "referrer.email");
        var phone = errors.OptionalPhone(referrer.Phone, "referrer.phone");
        var organisation = errors.OptionalText(referrer.Organisation, "referrer.organisation", MaxTextLength);
        string? name;
        if (relationship == ReferrerRelationship.Self)
        {
            name = errors.OptionalText(referrer.Name, "referrer.name", MaxNameLength);
        }
        else
        {
            name = errors.RequireText(referrer.Name, "referrer.name", "Enter your name", MaxNameLength);
            if (string.IsNullOrWhiteSpace(referrer.Email) && string.IsNullOrWhiteSpace(referrer.Phone))
            {
                errors.Add("referrer.email", "Enter an email address or a phone number so we can contact you");
            }
        }

        return new ReferrerDetails(relationship, name, email, phone, organisation);
    }

    private static CareCoordinatorDetails? ValidateCareCoordinator(CareCoordinatorSubmission? careCoordinator, FieldErrors errors)
    {
        if (careCoordinator is null
            || (string.IsNullOrWhiteSpace(careCoordinator.Name) && string.IsNullOrWhiteSpace(careCoordinator.Email) && string.IsNullOrWhiteSpace(careCoordinator.Phone)))
        {
            return null;
        }

        var name = errors.RequireText(careCoordinator.Name, "careCoordinator.name", "Enter the care coordinator's name", MaxNameLength);
        var email = errors.OptionalEmail(careCoordinator.Email, "careCoordinator.email");
        var phone = errors.OptionalPhone(careCoordinator.Phone, "careCoordinator.phone");
        return name is null ? null : new CareCoordinatorDetails(name, email, phone);
    }
}
