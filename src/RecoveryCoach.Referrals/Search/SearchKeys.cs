using System.Globalization;
using System.Text;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Search;

/// <summary>
/// The keys a referral is found by, and the same keys made from what staff type, so the two
/// meet however either was written: names in any case and with accents folded away, NHS numbers
/// and phones as digits, postcodes without spaces, dates as ISO dates. Each key is
/// <c>{kind}:{value}</c>, safe as a table row key.
/// </summary>
public static class SearchKeys
{
    public const string Reference = "ref";
    public const string Name = "name";
    public const string DateOfBirth = "dob";
    public const string NhsNumber = "nhs";
    public const string Postcode = "pc";
    public const string Email = "email";
    public const string Phone = "tel";

    /// <summary>Every key of one referral: its reference and the person's name parts, date of birth, NHS number, postcode, email and phone.</summary>
    public static IReadOnlySet<string> For(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var person = referral.Details.Person;
        var keys = new SortedSet<string>(StringComparer.Ordinal)
        {
            Key(Reference, referral.Reference.ToLowerInvariant()),
            Key(DateOfBirth, person.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Key(Postcode, Compact(person.Postcode.ToString())),
        };
        foreach (var part in NameParts(person.GivenName).Concat(NameParts(person.FamilyName)))
        {
            keys.Add(Key(Name, part));
        }

        if (person.NhsNumber is { Digits: { } digits })
        {
            keys.Add(Key(NhsNumber, digits));
        }

        if (person.Email is { Length: > 0 } email)
        {
            keys.Add(Key(Email, SafeEmail(email)));
        }

        if (person.Phone is { } phone && PhoneDigits(phone) is { } digitsOfPhone)
        {
            keys.Add(Key(Phone, digitsOfPhone));
        }

        return keys;
    }

    public static string Key(string kind, string value) => $"{kind}:{value}";

    /// <summary>
    /// A name's parts as they are searched: lower case, accents removed, split at spaces, hyphens
    /// and apostrophes, with a part of several pieces also kept whole (<c>Anne-Marie</c> gives
    /// <c>anne</c>, <c>marie</c> and <c>annemarie</c>).
    /// </summary>
    public static IEnumerable<string> NameParts(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var word in name.Split((char[])[' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = word.Split((char[])['-', '\'', '\u2019', '.'], StringSplitOptions.RemoveEmptyEntries).Select(Fold).Where(p => p.Length > 0).ToList();
            foreach (var piece in pieces)
            {
                yield return piece;
            }

            if (pieces.Count > 1)
            {
                yield return string.Concat(pieces);
            }
        }
    }

    /// <summary>Lower case letters and digits only, with accents removed: <c>Zoë</c> is <c>zoe</c>, <c>Ó</c> is <c>o</c>.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A UK phone number as its digits from the leading 0 (<c>+44 7700 900982</c> is <c>07700900982</c>); null if it has too few digits to be one.</summary>
    public static string? PhoneDigits(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        if (phone.TrimStart().StartsWith('+') && digits.StartsWith("44", StringComparison.Ordinal))
        {
            digits = "0" + digits[2..];
        }
        else if (digits.StartsWith("0044", StringComparison.Ordinal))
        {
            digits = "0" + digits[4..];
        }

        return digits.Length >= 10 ? digits : null;
    }

    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    /// <summary>The characters a table key may not hold (<c>/ \ # ?</c> and control characters) become <c>_</c>, the same way for both sides.</summary>
    private static string Safe(string text) =>
        string.Concat(text.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));

    internal static string SafeEmail(string email) => Safe(email.Trim().ToLowerInvariant());
}
