using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Tests.Submissions;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919", "9434765919")]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("4000000020", "4000000020")] // the sum leaves no remainder, so the check digit is 0
    public void TryParse_ValidNumber_ReturnsItsTenDigits(string text, string digits)
    {
        var parsed = NhsNumber.TryParse(text, out var number);

        parsed.Should().BeTrue();
        number.Digits.Should().Be(digits);
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("9434765910")]
    [InlineData("4000000021")]
    public void TryParse_WrongCheckDigit_ReturnsFalse(string text)
    {
        var parsed = NhsNumber.TryParse(text, out var number);

        parsed.Should().BeFalse();
        number.Should().Be(default(NhsNumber));
    }

    [Theory]
    [InlineData('0')]
    [InlineData('1')]
    [InlineData('5')]
    [InlineData('9')]
    public void TryParse_CheckDigitComputesToTen_IsInvalidWhateverTheLastDigit(char lastDigit)
    {
        // For 100000001 the Modulus 11 check digit is 10, which no NHS number may have.
        var parsed = NhsNumber.TryParse("100000001" + lastDigit, out _);

        parsed.Should().BeFalse();
    }

    [Theory]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("94 347 659")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_WrongLength_ReturnsFalse(string? text)
    {
        var parsed = NhsNumber.TryParse(text, out _);

        parsed.Should().BeFalse();
    }

    [Theory]
    [InlineData("943476591A")]
    [InlineData("A434765919")]
    [InlineData("943-476-5919")]
    [InlineData("９４３４７６５９１９")] // full-width digits are digits to .NET, but not to the NHS
    public void TryParse_CharactersOtherThanDigitsAndSpaces_ReturnsFalse(string text)
    {
        var parsed = NhsNumber.TryParse(text, out _);

        parsed.Should().BeFalse();
    }

    [Fact]
    public void ToString_GroupsTheDigitsThreeThreeFour()
    {
        var number = TestReferrals.Nhs("9434765919");

        var text = number.ToString();

        text.Should().Be("943 476 5919");
    }
}
