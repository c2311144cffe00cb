using System.Globalization;
using Bogus;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// The people seeded referrals are about and the people who refer them, as referrers fill in
/// the form: UK names from Bogus's <c>en_GB</c> locale, with now and then a name that has an
/// accent, an apostrophe or a hyphen (which search must fold and split), NHS numbers that pass
/// the Modulus 11 check, postcodes in the teams' districts, and phones and emails that only
/// reach reserved example domains. Each NHS number is given to one person only.
/// </summary>
internal sealed class SeededPeople(Faker f)
{
    private static readonly string[] GivenNames =
        ["Zoë", "José", "Chloé", "Renée", "Siân", "Seán", "Dónal", "Aoife", "Łukasz", "Agnieszka", "Noémie", "Inês", "Anne-Marie", "Jean-Luc", "Mary-Kate", "Björn"];

    private static readonly string[] FamilyNames =
        ["Müller", "Núñez", "O'Brien", "Ní Bhriain", "Kowalczyk", "Smith-Jones", "Lefèvre", "Gonçalves", "Ó Súilleabháin", "Brontë", "D'Souza", "Wiśniewski"];

    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];

    private readonly HashSet<string> nhsNumbers = new(StringComparer.Ordinal);

    /// <summary>What a referrer types in for a new person living in <paramref name="district"/> of <paramref name="area"/>.</summary>
    /// <param name="age">Their age in whole years on <paramref name="referralDay"/>.</param>
    public PersonSubmission Person(SeededPlaces.Area area, string district, DateOnly referralDay, int age)
    {
        var given = f.Random.Bool(0.06f) ? f.PickRandom(GivenNames) : f.Name.FirstName();
        var family = f.Random.Bool(0.05f) ? f.PickRandom(FamilyNames) : f.Name.LastName();
        var contact = f.Random.Int(1, 10);
        var town = f.PickRandom(area.Towns);
        var practice = $"{town} {f.PickRandom<string>(SeededPlaces.PracticeKinds)}";
        return new PersonSubmission
        {
            GivenName = given,
            FamilyName = family,
            DateOfBirth = referralDay.AddYears(-age).AddDays(-f.Random.Int(0, 364)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NhsNumber = f.Random.Bool(0.9f) ? NewNhsNumber() : null,
            Email = contact <= 8 ? Email(given, family, f.PickRandom(EmailDomains)) : null,
            Phone = contact >= 3 ? Mobile() : null,
            Postcode = Postcode(district),
            GpPractice = f.Random.Bool(0.92f) ? practice : null,
            GpPracticeEmail = f.Random.Bool(0.4f) ? $"{Slug(town)}.practice@example.nhs.uk" : null,
        };
    }

    /// <summary>
    /// Who refers, in the proportions the team sees: mostly care coordinators, some people
    /// referring themselves, and some family, friends or support workers who know them.
    /// </summary>
    public (ReferrerSubmission Referrer, CareCoordinatorSubmission? CareCoordinator) Referrer(SeededPlaces.Area area)
    {
        var coordinator = CareCoordinator();
        var kind = f.Random.Int(1, 100);
        if (kind <= 65)
        {
            return (new ReferrerSubmission
            {
                Relationship = "care-coordinator",
                Name = coordinator.Name,
                Email = coordinator.Email,
                Phone = coordinator.Phone,
                Organisation = f.PickRandom(area.CommunityTeams),
            }, coordinator);
        }

        var known = f.Random.Bool(0.6f) ? coordinator : null;
        if (kind <= 85)
        {
            return (new ReferrerSubmission { Relationship = "self" }, known);
        }

        var (given, family) = (f.Name.FirstName(), f.Name.LastName());
        return (new ReferrerSubmission
        {
            Relationship = "someone-who-knows-them",
            Name = $"{given} {family}",
            Email = f.Random.Bool(0.7f) ? Email(given, family, f.PickRandom(EmailDomains)) : null,
            Phone = f.Random.Bool(0.7f) ? Mobile() : Landline(),
            Organisation = f.Random.Bool(0.45f) ? f.PickRandom<string>(SeededPlaces.Supporters) : null,
        }, known);
    }

    /// <summary>A postcode in <paramref name="district"/>: its sector digit and unit letters as Royal Mail forms them, typed in any case and spacing.</summary>
    public string Postcode(string district)
    {
        var inward = $"{f.Random.Int(1, 9)}{f.PickRandom(SeededPlaces.InwardLetters.ToCharArray())}{f.PickRandom(SeededPlaces.InwardLetters.ToCharArray())}";
        return f.Random.Int(1, 10) switch
        {
            1 => (district + inward).ToLowerInvariant(),
            2 => $"{district.ToLowerInvariant()} {inward.ToLowerInvariant()}",
            _ => $"{district} {inward}",
        };
    }

    /// <summary>
    /// A ten-digit number in the 999 range the NHS keeps for testing, so it can never be a real
    /// person's, with its Modulus 11 check digit; numbers whose check would be 10 are never issued.
    /// </summary>
    private string NewNhsNumber()
    {
        while (true)
        {
            var digits = "999" + f.Random.Int(0, 999_999).ToString("D6", CultureInfo.InvariantCulture);
            var sum = digits.Select((d, i) => (d - '0') * (10 - i)).Sum();
            var check = (11 - (sum % 11)) % 11;
            var number = digits + check.ToString(CultureInfo.InvariantCulture);
            if (check != 10 && nhsNumbers.Add(number))
            {
                return f.Random.Bool(0.7f) ? $"{number[..3]} {number[3..6]} {number[6..]}" : number;
            }
        }
    }

    private CareCoordinatorSubmission CareCoordinator()
    {
        var (given, family) = (f.Name.FirstName(), f.Name.LastName());
        return new CareCoordinatorSubmission
        {
            Name = $"{given} {family}",
            Email = $"{Slug(given)}.{Slug(family)}@example.nhs.uk",
            Phone = f.Random.Bool(0.8f) ? Landline() : null,
        };
    }

    private string Email(string given, string family, string domain) => f.Random.Int(1, 3) switch
    {
        1 => $"{Slug(given)}.{Slug(family)}@{domain}",
        2 => $"{Slug(given)}{f.Random.Int(1, 99)}@{domain}",
        _ => $"{Slug(given)[0]}{Slug(family)}@{domain}",
    };

    private string Mobile() => f.Phone.PhoneNumber("07### ######");

    private string Landline() => f.Phone.PhoneNumber(f.PickRandom("01223 ######", "01480 ######", "01733 ######", "01945 ######", "01354 ######"));

    /// <summary>Letters and digits only, accents folded, as a mailbox would be named.</summary>
    private static string Slug(string name) => SearchKeys.Fold(name) is { Length: > 0 } folded ? folded : "person";
}
