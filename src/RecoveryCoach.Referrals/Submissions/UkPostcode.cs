using System.Text.RegularExpressions;

namespace RecoveryCoach.Referrals.Submissions;

/// <summary>
/// A UK postcode in its normal form (<c>CB21 5EF</c>). Allocation to a team is decided on the
/// outward code (the district), so the parts are kept apart.
/// </summary>
public sealed partial record UkPostcode
{
    private UkPostcode(string outward, string inward)
    {
        Outward = outward;
        Inward = inward;
    }

    /// <summary>The postcode district, such as <c>CB21</c> or <c>PE1</c>.</summary>
    public string Outward { get; }

    public string Inward { get; }

    /// <summary>The postcode sector, such as <c>CB21 5</c>: finer than a district for border areas.</summary>
    public string Sector => $"{Outward} {Inward[0]}";

    /// <summary>Accepts any case and spacing (<c>cb215ef</c>, <c>CB21  5EF</c>).</summary>
    public static bool TryParse(string? text, out UkPostcode? postcode)
    {
        postcode = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var match = Shape().Match(compact);
        if (!match.Success)
        {
            return false;
        }

        postcode = new UkPostcode(match.Groups["outward"].Value, match.Groups["inward"].Value);
        return true;
    }

    public override string ToString() => $"{Outward} {Inward}";

    // Outward: area (1-2 letters), district digit, optional digit or letter. Inward: digit and two letters
    // from the set Royal Mail uses (never C, I, K, M, O or V).
    [GeneratedRegex("^(?<outward>[A-Z]{1,2}[0-9][0-9A-Z]?)(?<inward>[0-9][ABD-HJLNP-UW-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
