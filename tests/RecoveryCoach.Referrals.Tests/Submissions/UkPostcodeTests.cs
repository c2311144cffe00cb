using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Tests.Submissions;

public class UkPostcodeTests
{
    [Theory]
    [InlineData("cb215ef")]
    [InlineData(" CB21  5EF ")]
    [InlineData("CB21 5EF")]
    [InlineData("Cb21\t5eF")]
    public void TryParse_AnyCaseAndSpacing_NormalisesToUpperCaseWithOneSpace(string text)
    {
        var parsed = UkPostcode.TryParse(text, out var postcode);

        parsed.Should().BeTrue();
        postcode!.ToString().Should().Be("CB21 5EF");
    }

    [Theory]
    [InlineData("cb215ef", "CB21", "5EF", "CB21 5")]
    [InlineData("PE1 1AA", "PE1", "1AA", "PE1 1")]
    [InlineData("SW1A 1AA", "SW1A", "1AA", "SW1A 1")]
    [InlineData("M1 1AE", "M1", "1AE", "M1 1")]
    public void TryParse_ValidPostcode_SplitsOutwardInwardAndSector(string text, string outward, string inward, string sector)
    {
        var parsed = UkPostcode.TryParse(text, out var postcode);

        parsed.Should().BeTrue();
        postcode!.Outward.Should().Be(outward);
        postcode.Inward.Should().Be(inward);
        postcode.Sector.Should().Be(sector);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("CB21")] // outward code only
    [InlineData("CB21 5E")] // inward code too short
    [InlineData("CB21 5EFF")] // inward code too long
    [InlineData("CBA1 5EF")] // three-letter area
    [InlineData("21 5EF")] // no area
    [InlineData("CB21 EF5")] // inward code starts with a letter
    [InlineData("CB21 5CF")] // C never appears in an inward code
    [InlineData("CB21-5EF")] // hyphen
    [InlineData("12345")] // a US ZIP code
    public void TryParse_NotAUkPostcodeShape_ReturnsFalse(string? text)
    {
        var parsed = UkPostcode.TryParse(text, out var postcode);

        parsed.Should().BeFalse();
        postcode.Should().BeNull();
    }
}
