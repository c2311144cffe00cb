using System.Text.RegularExpressions;
using RecoveryCoach.Referrals.Intake;

namespace RecoveryCoach.Referrals.Tests.Intake;

public class ReferenceGeneratorTests
{
    private const int Draws = 5000;

    [Fact]
    public void Next_ManyDraws_AreRcDashAndSixCharactersOfTheAlphabet()
    {
        var references = Enumerable.Range(0, Draws).Select(_ => ReferenceGenerator.Next()).ToList();

        references.Should().AllSatisfy(r => r.Should().MatchRegex("^RC-[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$"));
    }

    [Fact]
    public void Next_ManyDraws_NeverUseCharactersPeopleConfuse()
    {
        var suffixes = string.Concat(Enumerable.Range(0, Draws).Select(_ => ReferenceGenerator.Next()[3..]));

        suffixes.Should().NotContainAny("0", "O", "1", "I", "L", "U", "V");
    }

    [Fact]
    public void Next_ManyDraws_UseEveryCharacterOfTheAlphabet()
    {
        var used = Enumerable.Range(0, Draws).SelectMany(_ => ReferenceGenerator.Next()[3..]).ToHashSet();

        used.Should().BeEquivalentTo(ReferenceGenerator.Alphabet.ToHashSet());
    }

    [Fact]
    public void Next_ManyDraws_AreAlmostAlwaysDifferent()
    {
        // 29^6 is about 595 million references, so 5,000 draws repeating more than once is a broken generator.
        var distinct = Enumerable.Range(0, Draws).Select(_ => ReferenceGenerator.Next()).Distinct().Count();

        distinct.Should().BeGreaterThanOrEqualTo(Draws - 1);
    }

    [Fact]
    public void Alphabet_LeavesOutCharactersPeopleConfuse()
    {
        ReferenceGenerator.Alphabet.Should().HaveLength(29).And.NotContainAny("0", "O", "1", "I", "L", "U", "V");
        Regex.IsMatch(ReferenceGenerator.Alphabet, "^[A-Z2-9]+$").Should().BeTrue();
    }
}
