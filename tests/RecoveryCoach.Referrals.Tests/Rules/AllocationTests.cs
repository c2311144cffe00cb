using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

public class AllocationTests
{
    private static readonly Ruleset Rules = ShippedRules.Ruleset;

    [Theory]
    [InlineData("CB1 2AB", "cambridge", "Cambridge")]
    [InlineData("CB21 5EF", "cambridge", "Cambridge")]
    [InlineData("cb74aa", "cambridge", "Cambridge")]
    [InlineData("PE19 1AA", "huntingdon", "Huntingdon")]
    [InlineData("PE29 3TN", "huntingdon", "Huntingdon")]
    [InlineData("PE1 1AA", "peterborough-fenland", "Peterborough & Fenland")]
    [InlineData("PE13 2AA", "peterborough-fenland", "Peterborough & Fenland")]
    [InlineData("PE16 6AB", "peterborough-fenland", "Peterborough & Fenland")]
    public async Task Allocate_PostcodeInATeamsDistricts_GoesToThatTeam(string postcode, string teamCode, string rule)
    {
        var decision = await Rules.AllocateAsync(AllocationFacts.For(TestReferrals.Postcode(postcode)));

        decision.NeedsTriage.Should().BeFalse();
        decision.Team!.Code.Should().Be(teamCode);
        decision.Rule.Should().Be(rule);
        decision.Reason.Should().Contain(TestReferrals.Postcode(postcode).Outward).And.Contain(decision.Team.Name);
        decision.RulesetVersion.Should().Be(Rules.Version);
    }

    [Theory]
    [InlineData("CB8 7AA")]
    [InlineData("CB9 0AA")]
    [InlineData("CB10 1AA")]
    [InlineData("CB11 3AA")]
    public async Task Allocate_BorderDistrict_NeedsTriageByTheBorderRule(string postcode)
    {
        var decision = await Rules.AllocateAsync(AllocationFacts.For(TestReferrals.Postcode(postcode)));

        decision.NeedsTriage.Should().BeTrue();
        decision.Team.Should().BeNull();
        decision.Rule.Should().Be("Cambridge border districts");
        decision.Reason.Should().Contain(TestReferrals.Postcode(postcode).Outward);
    }

    [Theory]
    [InlineData("SW1A 1AA", "SW1A")]
    [InlineData("NR1 1AA", "NR1")]
    [InlineData("CB12 1AA", "CB12")]
    public async Task Allocate_PostcodeNoRuleCovers_NeedsTriageWithNoRuleAndNamesTheDistrict(string postcode, string district)
    {
        var decision = await Rules.AllocateAsync(AllocationFacts.For(TestReferrals.Postcode(postcode)));

        decision.NeedsTriage.Should().BeTrue();
        decision.Team.Should().BeNull();
        decision.Rule.Should().BeNull();
        decision.Reason.Should().Contain($"district {district}");
        decision.RulesetVersion.Should().Be(Rules.Version);
    }

    [Fact]
    public void For_Postcode_ExposesAreaDistrictAndSector()
    {
        var facts = AllocationFacts.For(TestReferrals.Postcode("pe132aa"));

        facts.Should().Be(new AllocationFacts("PE13 2AA", "PE", "PE13", "PE13 2"));
    }

    [Theory]
    [InlineData("huntingdon", "cambridge")]
    [InlineData("cambridge", "huntingdon")]
    public async Task Allocate_TwoRulesMatch_TheFirstInFileOrderWins(string firstTeam, string secondTeam)
    {
        using var folder = new RuleFolder().Write(Ruleset.AllocationFile, $$"""
            {
              "WorkflowName": "Allocation",
              "Rules": [
                { "RuleName": "First", "Expression": "referral.PostcodeArea == \"CB\"", "SuccessEvent": "{{firstTeam}}" },
                { "RuleName": "Second", "Expression": "referral.PostcodeDistrict == \"CB21\"", "SuccessEvent": "{{secondTeam}}" }
              ]
            }
            """);
        var rules = folder.Load();

        var decision = await rules.AllocateAsync(AllocationFacts.For(TestReferrals.Postcode("CB21 5EF")));

        decision.Team!.Code.Should().Be(firstTeam);
        decision.Rule.Should().Be("First");
    }
}
