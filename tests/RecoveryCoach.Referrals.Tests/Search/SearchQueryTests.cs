using RecoveryCoach.Referrals.Search;

namespace RecoveryCoach.Referrals.Tests.Search;

public class SearchQueryTests
{
    [Theory]
    [InlineData("RC-7K3M9Q", "ref:rc-7k3m9q")]
    [InlineData("rc7k3m9q", "ref:rc-7k3m9q")]
    [InlineData(" rc-7K3M9Q ", "ref:rc-7k3m9q")]
    [InlineData("943 476 5919", "nhs:9434765919")]
    [InlineData("9434765919", "nhs:9434765919")]
    [InlineData("07700 900982", "tel:07700900982")]
    [InlineData("+44 7700 900982", "tel:07700900982")]
    [InlineData("12/04/1990", "dob:1990-04-12")]
    [InlineData("1990-04-12", "dob:1990-04-12")]
    [InlineData("12 April 1990", "dob:1990-04-12")]
    [InlineData("cb21 5ef", "pc:cb215ef")]
    [InlineData("CB215EF", "pc:cb215ef")]
    [InlineData("Person@Example.com", "email:person@example.com")]
    public void Parse_ExactKinds_GiveTheKeyTheReferralIsStoredUnder(string typed, string key)
    {
        var query = SearchQuery.Parse(typed, out var problem);

        problem.Should().BeNull();
        query!.ExactKey.Should().Be(key);
        query.NameParts.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Quackenbush Zephyrina", new[] { "quackenbush", "zephyrina" })]
    [InlineData("ZEPH quack", new[] { "zeph", "quack" })]
    [InlineData("Zoë", new[] { "zoe" })]
    [InlineData("Anne-Marie O'Brien", new[] { "anne", "marie", "brien" })]
    [InlineData("Ze", new[] { "ze" })]
    public void Parse_Words_AreNamePartsFoldedInAnyOrder(string typed, string[] parts)
    {
        var query = SearchQuery.Parse(typed, out var problem);

        problem.Should().BeNull();
        query!.Kind.Should().Be(SearchKeys.Name);
        query.NameParts.Should().BeEquivalentTo(parts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Z")]
    [InlineData("- .")]
    public void Parse_NothingToSearchFor_SaysWhy(string typed)
    {
        SearchQuery.Parse(typed, out var problem).Should().BeNull();
        problem.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Parse_MoreThan100Characters_IsRefused()
    {
        SearchQuery.Parse(new string('a', 101), out var problem).Should().BeNull();
        problem.Should().Contain("100");
    }

    [Fact]
    public void For_AReferral_GivesEveryKindOfKey()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge) with
        {
            Details = TestReferrals.Details() with { Person = TestReferrals.Details().Person with { GivenName = "Zoë Anne-Marie", FamilyName = "O'Brien" } },
        };

        var keys = SearchKeys.For(referral);

        keys.Should().BeEquivalentTo(
            "ref:rc-7k3m9q", "dob:1990-04-12", "pc:cb215ef", "nhs:9434765919", "email:person@example.com", "tel:07700900982",
            "name:zoe", "name:anne", "name:marie", "name:annemarie", "name:o", "name:brien", "name:obrien");
    }
}
