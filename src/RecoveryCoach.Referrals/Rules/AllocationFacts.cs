using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// What allocation rules can see, named <c>referral</c> in their expressions: the parts of the
/// person's postcode, from the broad area (<c>PE</c>) down to the sector (<c>PE13 2</c>).
/// </summary>
public sealed record AllocationFacts(string Postcode, string PostcodeArea, string PostcodeDistrict, string PostcodeSector)
{
    internal static AllocationFacts Sample { get; } = For(ParseSample());

    public static AllocationFacts For(UkPostcode postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        var area = new string(postcode.Outward.TakeWhile(char.IsAsciiLetter).ToArray());
        return new AllocationFacts(postcode.ToString(), area, postcode.Outward, postcode.Sector);
    }

    private static UkPostcode ParseSample() =>
        UkPostcode.TryParse("CB21 5EF", out var postcode) ? postcode! : throw new InvalidOperationException("The sample postcode does not parse.");
}
