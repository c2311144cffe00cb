using System.Globalization;
using System.Net.Mail;

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
    private const int MaxEmailLength = 254;
    private const int OldestAgeAccepted = 120;

    /// <param name="submission">What the client sent.</param>
    /// <param name="today">The date of referral in the UK, which a date of birth may not be after.</param>
    public static ReferralValidation Validate(ReferralSubmission submission, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var errors = new Errors();

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

    private static PersonDetails? ValidatePerson(PersonSubmission? person, DateOnly today, Errors errors)
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

        if (givenName is null || familyName is null || dateOfBirth is null || postcode is null)
        {
            return null;
        }

        return new PersonDetails(givenName, familyName, dateOfBirth.Value, nhsNumber, email, phone, postcode, gpPractice);
    }

    private static DateOnly? ValidateDateOfBirth(string? text, DateOnly today, Errors errors)
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

    private static ReferrerDetails? ValidateReferrer(ReferrerSubmission? referrer, Errors errors)
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

    private static CareCoordinatorDetails? ValidateCareCoordinator(CareCoordinatorSubmission? careCoordinator, Errors errors)
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

    /// <summary>Errors collected by field path, in the order found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

        public bool Any => byField.Count > 0;

        public void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var messages))
            {
                byField[field] = messages = [];
            }

            messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() =>
            byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

        public void RequireAnswer(bool? answer, string field, string message)
        {
            if (answer is null)
            {
                Add(field, message);
            }
        }

        public string? RequireText(string? text, string field, string missing, int maxLength)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Add(field, missing);
                return null;
            }

            return OptionalText(text, field, maxLength);
        }

        public string? OptionalText(string? text, string field, int maxLength)
        {
            var trimmed = text?.Trim();
            if (string.IsNullOrEmpty(trimmed))
            {
                return null;
            }

            if (trimmed.Length > maxLength)
            {
                Add(field, $"Must be {maxLength} characters or fewer");
                return null;
            }

            return trimmed;
        }

        public string? OptionalEmail(string? text, string field)
        {
            var trimmed = OptionalText(text, field, MaxEmailLength);
            if (trimmed is null)
            {
                return null;
            }

            var at = trimmed.IndexOf('@', StringComparison.Ordinal);
            var looksRight = MailAddress.TryCreate(trimmed, out var address)
                && string.Equals(address.Address, trimmed, StringComparison.Ordinal)
                && at > 0
                && trimmed.IndexOf('.', at) > at + 1
                && !trimmed.EndsWith('.');
            if (!looksRight)
            {
                Add(field, "Enter an email address in the correct format, like name@example.com");
                return null;
            }

            return trimmed;
        }

        public string? OptionalPhone(string? text, string field)
        {
            var trimmed = OptionalText(text, field, 30);
            if (trimmed is null)
            {
                return null;
            }

            var allowed = trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-');
            var digits = trimmed.Count(char.IsAsciiDigit);
            if (!allowed || digits < 10 || digits > 13 || trimmed.LastIndexOf('+') > 0)
            {
                Add(field, "Enter a phone number, like 01632 960 001 or 07700 900 982");
                return null;
            }

            return trimmed;
        }
    }
}
