using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RecoveryCoach.Referrals.Notifications;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// A referral whose person, referrer and care coordinator have names, NHS number, emails and
/// phone found nowhere else in the storage account, so a scan of the whole account for them
/// sees only what this test stored, whatever other tests run beside it.
/// </summary>
public sealed class UniquePerson
{
    public UniquePerson()
    {
        GivenName = Word();
        FamilyName = Word();
        ReferrerName = $"{Word()} {Word()}";
        NhsNumber = NewNhsNumber();
        Email = $"{GivenName}.{FamilyName}@example.com".ToLowerInvariant();
        ReferrerEmail = $"{Word()}@example.nhs.uk".ToLowerInvariant();
        Phone = $"07700 900{RandomNumberGenerator.GetInt32(1000):D3}";
    }

    public string GivenName { get; }

    public string FamilyName { get; }

    public string ReferrerName { get; }

    public string NhsNumber { get; }

    public string Email { get; }

    public string ReferrerEmail { get; }

    /// <summary>A number in Ofcom's drama range: other tests may use it too, so it is not among <see cref="Identifiers"/> on its own.</summary>
    public string Phone { get; }

    /// <summary>
    /// What names or reaches these people, as it could be stored: as given, without spaces, the
    /// NHS number's digits, and the hashes that key the mail counts.
    /// </summary>
    public IReadOnlyList<string> Identifiers =>
    [
        GivenName, FamilyName, ReferrerName, NhsNumber, Email, ReferrerEmail,
        RecipientMailLimit.AddressKey(Email), RecipientMailLimit.AddressKey(ReferrerEmail),
    ];

    /// <summary>An eligible referral for the Cambridge team by a care coordinator, with a GP address.</summary>
    public JsonObject Referral() => SampleReferrals.Valid().With(r =>
    {
        var person = r["person"]!;
        person["givenName"] = GivenName;
        person["familyName"] = FamilyName;
        person["nhsNumber"] = NhsNumber;
        person["email"] = Email;
        person["phone"] = Phone;
        person["gpPracticeEmail"] = JourneyDriver.GpAddress;
        r["referrer"]!["name"] = ReferrerName;
        r["referrer"]!["email"] = ReferrerEmail;
        r["careCoordinator"]!["name"] = ReferrerName;
        r["careCoordinator"]!["email"] = ReferrerEmail;
    });

    /// <summary>Twelve letters, capitalised: one in 26^11 of ever meeting another test's.</summary>
    private static string Word() =>
        string.Concat(Enumerable.Range(0, 12).Select(i => (char)((i == 0 ? 'A' : 'a') + RandomNumberGenerator.GetInt32(26))));

    /// <summary>Nine random digits and the Modulus 11 check digit, drawn again when the check would be 10.</summary>
    private static string NewNhsNumber()
    {
        while (true)
        {
            var digits = Enumerable.Range(0, 9).Select(_ => RandomNumberGenerator.GetInt32(10)).ToArray();
            var check = 11 - (digits.Select((d, i) => d * (10 - i)).Sum() % 11);
            if (check == 10)
            {
                continue;
            }

            return string.Concat(digits) + (check == 11 ? 0 : check);
        }
    }
}
