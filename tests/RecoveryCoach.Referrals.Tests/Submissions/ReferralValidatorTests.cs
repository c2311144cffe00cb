using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Tests.Submissions;

public class ReferralValidatorTests
{
    private static readonly DateOnly Today = TestReferrals.Today;
    private static readonly ReferralSubmission Valid = TestReferrals.ValidSubmission;

    [Fact]
    public void Validate_ValidSubmission_ReturnsParsedAndNormalisedDetails()
    {
        var result = ReferralValidator.Validate(Valid, Today);

        result.Errors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        var details = result.Details!;
        details.Person.GivenName.Should().Be("Zephyrina");
        details.Person.FamilyName.Should().Be("Quackenbush");
        details.Person.DateOfBirth.Should().Be(new DateOnly(1990, 4, 12));
        details.Person.NhsNumber!.Value.Digits.Should().Be("9434765919");
        details.Person.Postcode.ToString().Should().Be("CB21 5EF");
        details.Person.Email.Should().Be("person@example.com");
        details.Person.Phone.Should().Be("07700 900 982");
        details.Person.GpPractice.Should().Be("Linton Health Centre");
        details.Referrer.Should().Be(new ReferrerDetails(ReferrerRelationship.CareCoordinator, "Alex Carer", "alex.carer@example.nhs.uk", "01632 960 001", "Cambridge North CMHT"));
        details.CareCoordinator.Should().Be(new CareCoordinatorDetails("Alex Carer", "alex.carer@example.nhs.uk", "01632 960 001"));
        details.InSecondaryMentalHealthServices.Should().BeTrue();
        details.ReadyToWorkTowardsDischarge.Should().BeTrue();
        details.StrugglingWithDischarge.Should().BeTrue();
        details.Reason.Should().Be(Valid.Reason);
    }

    [Fact]
    public void Validate_TextWithSurroundingSpaces_IsTrimmed()
    {
        var submission = Valid with
        {
            Person = Valid.Person! with { GivenName = "  Zephyrina ", Email = " person@example.com " },
            Reason = "  Worried.  ",
        };

        var result = ReferralValidator.Validate(submission, Today);

        result.Details!.Person.GivenName.Should().Be("Zephyrina");
        result.Details.Person.Email.Should().Be("person@example.com");
        result.Details.Reason.Should().Be("Worried.");
    }

    [Fact]
    public void Validate_NoNhsNumber_IsValidWithoutOne()
    {
        var submission = Valid with { Person = Valid.Person! with { NhsNumber = null } };

        var result = ReferralValidator.Validate(submission, Today);

        result.Errors.Should().BeEmpty();
        result.Details!.Person.NhsNumber.Should().BeNull();
    }

    [Fact]
    public void Validate_SelfReferralWithoutReferrerNameOrContact_IsValid()
    {
        var submission = Valid with { Referrer = new ReferrerSubmission { Relationship = "self" } };

        var result = ReferralValidator.Validate(submission, Today);

        result.Errors.Should().BeEmpty();
        result.Details!.Referrer.Relationship.Should().Be(ReferrerRelationship.Self);
    }

    [Fact]
    public void Validate_DateOfBirthToday_IsAccepted()
    {
        var submission = Valid with { Person = Valid.Person! with { DateOfBirth = "2025-06-15" } };

        var result = ReferralValidator.Validate(submission, Today);

        result.Errors.Should().BeEmpty();
        result.Details!.Person.DateOfBirth.Should().Be(Today);
    }

    [Fact]
    public void Validate_ReasonOfExactlyTheMaximumLength_IsAccepted()
    {
        var reason = new string('a', ReferralValidator.MaxReasonLength);

        var result = ReferralValidator.Validate(Valid with { Reason = reason }, Today);

        result.Errors.Should().BeEmpty();
        result.Details!.Reason.Should().HaveLength(4000);
    }

    public static TheoryData<string, ReferralSubmission> OneFieldWrong => new()
    {
        { "person.givenName", Valid with { Person = Valid.Person! with { GivenName = null } } },
        { "person.givenName", Valid with { Person = Valid.Person! with { GivenName = "   " } } },
        { "person.givenName", Valid with { Person = Valid.Person! with { GivenName = new string('a', 101) } } },
        { "person.familyName", Valid with { Person = Valid.Person! with { FamilyName = null } } },
        { "person.gpPractice", Valid with { Person = Valid.Person! with { GpPractice = new string('a', 201) } } },
        { "person.dateOfBirth", Valid with { Person = Valid.Person! with { DateOfBirth = "1905-06-14" } } },
        { "person.dateOfBirth", Valid with { Person = Valid.Person! with { DateOfBirth = null } } },
        { "person.dateOfBirth", Valid with { Person = Valid.Person! with { DateOfBirth = "2023-02-30" } } },
        { "person.dateOfBirth", Valid with { Person = Valid.Person! with { DateOfBirth = "12/04/1990" } } },
        { "person.dateOfBirth", Valid with { Person = Valid.Person! with { DateOfBirth = "2025-06-16" } } },
        { "person.postcode", Valid with { Person = Valid.Person! with { Postcode = null } } },
        { "person.postcode", Valid with { Person = Valid.Person! with { Postcode = "CB21 5CF" } } },
        { "person.nhsNumber", Valid with { Person = Valid.Person! with { NhsNumber = "9434765918" } } },
        { "person.email", Valid with { Person = Valid.Person! with { Email = null, Phone = null } } },
        { "person.email", Valid with { Person = Valid.Person! with { Email = "person.example.com" } } },
        { "person.email", Valid with { Person = Valid.Person! with { Email = "person@example" } } },
        { "person.email", Valid with { Person = Valid.Person! with { Email = "Person <person@example.com>" } } },
        { "person.phone", Valid with { Person = Valid.Person! with { Phone = "12345" } } },
        { "person.phone", Valid with { Person = Valid.Person! with { Phone = "07700 9OO 982" } } },
        { "reason", Valid with { Reason = null } },
        { "reason", Valid with { Reason = new string('a', ReferralValidator.MaxReasonLength + 1) } },
        { "consent", Valid with { Consent = false } },
        { "consent", Valid with { Consent = null } },
        { "inSecondaryMentalHealthServices", Valid with { InSecondaryMentalHealthServices = null } },
        { "readyToWorkTowardsDischarge", Valid with { ReadyToWorkTowardsDischarge = null } },
        { "strugglingWithDischarge", Valid with { StrugglingWithDischarge = null } },
        { "referrer.relationship", Valid with { Referrer = Valid.Referrer! with { Relationship = "neighbour" } } },
        { "referrer.relationship", Valid with { Referrer = Valid.Referrer! with { Relationship = "Self" } } },
        { "referrer.relationship", Valid with { Referrer = null } },
        { "referrer.name", Valid with { Referrer = Valid.Referrer! with { Name = null } } },
        { "referrer.name", Valid with { Referrer = Valid.Referrer! with { Relationship = "someone-who-knows-them", Name = " " } } },
        { "referrer.email", Valid with { Referrer = Valid.Referrer! with { Email = null, Phone = null } } },
        { "referrer.email", Valid with { Referrer = Valid.Referrer! with { Email = "alex@" } } },
        { "referrer.phone", Valid with { Referrer = Valid.Referrer! with { Phone = "+44 +1632 960 001" } } },
        { "careCoordinator.name", Valid with { CareCoordinator = Valid.CareCoordinator! with { Name = null } } },
        { "careCoordinator.email", Valid with { CareCoordinator = Valid.CareCoordinator! with { Email = "not an email" } } },
    };

    [Theory]
    [MemberData(nameof(OneFieldWrong))]
    public void Validate_OneFieldWrong_ReportsOnlyThatFieldAndNoDetails(string field, ReferralSubmission submission)
    {
        var result = ReferralValidator.Validate(submission, Today);

        result.Details.Should().BeNull();
        result.IsValid.Should().BeFalse();
        result.Errors.Keys.Should().Equal(field);
        result.Errors[field].Should().ContainSingle().Which.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Validate_DateOfBirthInTheFuture_SaysItMustBeInThePast()
    {
        var submission = Valid with { Person = Valid.Person! with { DateOfBirth = "2025-06-16" } };

        var result = ReferralValidator.Validate(submission, Today);

        result.Errors["person.dateOfBirth"].Should().Equal("Date of birth must be in the past");
    }

    [Fact]
    public void Validate_ImpossibleDate_SaysItMustBeARealDate()
    {
        var submission = Valid with { Person = Valid.Person! with { DateOfBirth = "2023-02-30" } };

        var result = ReferralValidator.Validate(submission, Today);

        result.Errors["person.dateOfBirth"].Should().Equal("Date of birth must be a real date in the form YYYY-MM-DD");
    }

    [Fact]
    public void Validate_SeveralFieldsWrong_ReportsEveryOneAtOnce()
    {
        var submission = Valid with
        {
            Person = Valid.Person! with { GivenName = null, Postcode = "nowhere" },
            Consent = false,
            StrugglingWithDischarge = null,
        };

        var result = ReferralValidator.Validate(submission, Today);

        result.Details.Should().BeNull();
        result.Errors.Keys.Should().BeEquivalentTo("person.givenName", "person.postcode", "consent", "strugglingWithDischarge");
    }

    [Fact]
    public void Validate_NoPerson_ReportsThePerson()
    {
        var result = ReferralValidator.Validate(Valid with { Person = null }, Today);

        result.Details.Should().BeNull();
        result.Errors.Keys.Should().Equal("person");
    }
}
