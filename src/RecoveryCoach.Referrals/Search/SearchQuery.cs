using System.Globalization;
using System.Text.RegularExpressions;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Search;

/// <summary>
/// What a member of staff typed into the search box, read as the one kind of key it can be: a
/// reference, an NHS number (with or without spaces), a date of birth, an email, a phone number
/// or a postcode, matched exactly; otherwise a name, each word of it the start of a part of the
/// person's name, in any order.
/// </summary>
public sealed partial record SearchQuery
{
    /// <summary>The shortest name part searched for, so a single letter does not list half the caseload.</summary>
    public const int ShortestNamePart = 2;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "d M yyyy", "d MMMM yyyy", "d MMM yyyy"];

    private SearchQuery(string kind, string? exactKey, IReadOnlyList<string> nameParts)
    {
        Kind = kind;
        ExactKey = exactKey;
        NameParts = nameParts;
    }

    /// <summary>Which kind of key it is (<see cref="SearchKeys.Reference"/>, <see cref="SearchKeys.Name"/>, …).</summary>
    public string Kind { get; }

    /// <summary>The one key to find, for every kind but a name.</summary>
    public string? ExactKey { get; }

    /// <summary>For a name: the starts of name parts, each of which the person's name must have.</summary>
    public IReadOnlyList<string> NameParts { get; }

    /// <summary>Reads <paramref name="text"/>; null with a reason when it cannot be searched for.</summary>
    public static SearchQuery? Parse(string? text, out string? problem)
    {
        problem = null;
        var typed = text?.Trim() ?? string.Empty;
        if (typed.Length == 0)
        {
            problem = "Enter a name, reference, date of birth, NHS number, postcode, email or phone number.";
            return null;
        }

        if (typed.Length > 100)
        {
            problem = "Search for at most 100 characters.";
            return null;
        }

        if (ReferenceShape().IsMatch(typed))
        {
            var compact = SearchKeys.Compact(typed).Replace("-", string.Empty, StringComparison.Ordinal);
            return Exact(SearchKeys.Reference, $"rc-{compact[2..]}");
        }

        if (typed.Contains('@', StringComparison.Ordinal))
        {
            return Exact(SearchKeys.Email, SearchKeys.SafeEmail(typed));
        }

        if (NumberShape().IsMatch(typed))
        {
            if (Submissions.NhsNumber.TryParse(typed, out var nhs))
            {
                return Exact(SearchKeys.NhsNumber, nhs.Digits);
            }

            if (SearchKeys.PhoneDigits(typed) is { } phone)
            {
                return Exact(SearchKeys.Phone, phone);
            }
        }

        if (DateTime.TryParseExact(typed, DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return Exact(SearchKeys.DateOfBirth, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (UkPostcode.TryParse(typed, out var postcode))
        {
            return Exact(SearchKeys.Postcode, SearchKeys.Compact(postcode!.ToString()));
        }

        // Each piece of each word ("Anne-Marie" is anne and marie) must start a part of the name;
        // a lone letter ("O" of O'Brien, an initial) is too short to narrow anything, so it is left out.
        var parts = typed.Split((char[])[' ', '\t', ',', '-', '\'', '\u2019', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(SearchKeys.Fold)
            .Where(p => p.Length >= ShortestNamePart)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (parts.Count == 0)
        {
            problem = $"Each part of a name needs at least {ShortestNamePart} letters.";
            return null;
        }

        return new SearchQuery(SearchKeys.Name, null, parts);
    }

    private static SearchQuery Exact(string kind, string value) => new(kind, SearchKeys.Key(kind, value), []);

    [GeneratedRegex(@"^\s*rc\s*-?\s*[a-z0-9]{6}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceShape();

    [GeneratedRegex(@"^[\s\d+()\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberShape();
}
