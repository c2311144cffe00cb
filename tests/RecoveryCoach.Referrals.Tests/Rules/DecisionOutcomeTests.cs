using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.WhatIf;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class DecisionOutcomeTests : IDisposable
{
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task FractionalDuration_IsADifferenceAndIsDescribedInPlainDecimals()
    {
        folder.SetJourneyOutput("First contact within 7 days", "0.00003");
        var before = DecisionOutcome.Of(await DecideAsync(ShippedRules.Ruleset));
        var after = DecisionOutcome.Of(await DecideAsync(folder.Load()));

        var differences = before.JourneyDifferences(after);

        differences.Should().Equal("FirstContactDays");
        before.Describe(differences).Should().Be("cambridge by \"Cambridge\"; FirstContactDays 7");
        after.Describe(differences).Should().Be("cambridge by \"Cambridge\"; FirstContactDays 0.00003");
    }

    private static Task<RulesDecision> DecideAsync(Ruleset rules) =>
        rules.DecideAsync(new EligibilityFacts(40, true, true, true), AllocationFacts.For(TestReferrals.Postcode("CB1 2AB")));
}
