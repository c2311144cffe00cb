using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

public class EligibilityTests
{
    private const string Age = "Aged 17 to 65";
    private const string Secondary = "In secondary mental health services";
    private const string Ready = "Ready to work towards discharge";
    private const string Struggling = "Struggling with the discharge process";

    private static readonly DateOnly ReferralDate = new(2025, 6, 15);
    private static readonly Ruleset Rules = ShippedRules.Ruleset;

    [Fact]
    public async Task DecideEligibility_SixteenYearsAnd364Days_IsNotEligibleOnAge()
    {
        var facts = FactsForBirthDate(new DateOnly(2008, 6, 16));

        var decision = await Rules.DecideEligibilityAsync(facts);

        facts.AgeInYears.Should().Be(16);
        decision.Eligible.Should().BeFalse();
        decision.Criteria.Where(c => !c.Met).Select(c => c.Criterion).Should().Equal(Age);
    }

    [Fact]
    public async Task DecideEligibility_SeventeenthBirthdayToday_IsEligible()
    {
        var facts = FactsForBirthDate(new DateOnly(2008, 6, 15));

        var decision = await Rules.DecideEligibilityAsync(facts);

        facts.AgeInYears.Should().Be(17);
        decision.Eligible.Should().BeTrue();
        decision.Criteria.Should().OnlyContain(c => c.Met);
    }

    [Fact]
    public async Task DecideEligibility_DayBeforeSixtySixthBirthday_IsEligible()
    {
        var facts = FactsForBirthDate(new DateOnly(1959, 6, 16));

        var decision = await Rules.DecideEligibilityAsync(facts);

        facts.AgeInYears.Should().Be(65);
        decision.Eligible.Should().BeTrue();
    }

    [Fact]
    public async Task DecideEligibility_SixtySixthBirthdayToday_IsNotEligibleOnAge()
    {
        var facts = FactsForBirthDate(new DateOnly(1959, 6, 15));

        var decision = await Rules.DecideEligibilityAsync(facts);

        facts.AgeInYears.Should().Be(66);
        decision.Eligible.Should().BeFalse();
        decision.Criteria.Should().ContainSingle(c => !c.Met)
            .Which.Should().Be(new CriterionResult(Age, false, ShippedRules.EligibilityErrorMessage(Age)));
    }

    [Theory]
    [InlineData(2025, 2, 28, 16)]
    [InlineData(2025, 3, 1, 17)]
    [InlineData(2024, 2, 28, 15)]
    [InlineData(2024, 2, 29, 16)]
    public void AgeOn_BornOn29February_HasABirthdayOn1MarchInACommonYear(int year, int month, int day, int expectedAge)
    {
        var age = EligibilityFacts.AgeOn(new DateOnly(2008, 2, 29), new DateOnly(year, month, day));

        age.Should().Be(expectedAge);
    }

    [Theory]
    [InlineData(2025, 2, 28, false)]
    [InlineData(2025, 3, 1, true)]
    public async Task DecideEligibility_BornOn29February_BecomesSeventeenOn1MarchInACommonYear(int year, int month, int day, bool eligible)
    {
        var details = TestReferrals.Details(dateOfBirth: new DateOnly(2008, 2, 29));

        var decision = await Rules.DecideEligibilityAsync(EligibilityFacts.For(details, new DateOnly(year, month, day)));

        decision.Eligible.Should().Be(eligible);
    }

    [Fact]
    public void For_ReferralDetails_TakesAgeOnTheReferralDateAndEachAnswer()
    {
        var details = TestReferrals.Details(dateOfBirth: new DateOnly(1990, 6, 16)) with
        {
            InSecondaryMentalHealthServices = true,
            ReadyToWorkTowardsDischarge = false,
            StrugglingWithDischarge = true,
        };

        var facts = EligibilityFacts.For(details, ReferralDate);

        facts.Should().Be(new EligibilityFacts(34, true, false, true));
    }

    [Theory]
    [InlineData(Secondary)]
    [InlineData(Ready)]
    [InlineData(Struggling)]
    public async Task DecideEligibility_OneAnswerIsNo_IsNotEligibleWithThatCriterionAndItsReason(string criterion)
    {
        var facts = new EligibilityFacts(
            40,
            InSecondaryMentalHealthServices: criterion != Secondary,
            ReadyToWorkTowardsDischarge: criterion != Ready,
            StrugglingWithDischarge: criterion != Struggling);

        var decision = await Rules.DecideEligibilityAsync(facts);

        decision.Eligible.Should().BeFalse();
        decision.Criteria.Should().ContainSingle(c => !c.Met)
            .Which.Should().Be(new CriterionResult(criterion, false, ShippedRules.EligibilityErrorMessage(criterion)));
    }

    [Fact]
    public async Task DecideEligibility_EveryAnswerYes_ReportsEachCriterionMetWithItsSuccessText()
    {
        var decision = await Rules.DecideEligibilityAsync(new EligibilityFacts(40, true, true, true));

        decision.Eligible.Should().BeTrue();
        decision.Criteria.Should().Equal(
            new CriterionResult(Age, true, "The person is aged 17 to 65 on the date of referral."),
            new CriterionResult(Secondary, true, "The person is in secondary mental health services."),
            new CriterionResult(Ready, true, "The person is ready to work towards discharge."),
            new CriterionResult(Struggling, true, "The person is struggling with the discharge process."));
    }

    [Fact]
    public async Task DecideEligibility_SeveralFailures_ListsEveryUnmetCriterionAndAllFourResults()
    {
        var facts = new EligibilityFacts(70, InSecondaryMentalHealthServices: false, ReadyToWorkTowardsDischarge: true, StrugglingWithDischarge: false);

        var decision = await Rules.DecideEligibilityAsync(facts);

        decision.Eligible.Should().BeFalse();
        decision.Criteria.Select(c => c.Criterion).Should().Equal(Age, Secondary, Ready, Struggling);
        decision.Criteria.Where(c => !c.Met).Should().Equal(
            new CriterionResult(Age, false, ShippedRules.EligibilityErrorMessage(Age)),
            new CriterionResult(Secondary, false, ShippedRules.EligibilityErrorMessage(Secondary)),
            new CriterionResult(Struggling, false, ShippedRules.EligibilityErrorMessage(Struggling)));
    }

    [Fact]
    public async Task DecideEligibility_AnyReferral_RecordsTheRulesetVersion()
    {
        var decision = await Rules.DecideEligibilityAsync(new EligibilityFacts(40, true, true, true));

        decision.RulesetVersion.Should().Be(Rules.Version).And.MatchRegex("^[0-9a-f]{12}$");
    }

    private static EligibilityFacts FactsForBirthDate(DateOnly dateOfBirth) =>
        new(EligibilityFacts.AgeOn(dateOfBirth, ReferralDate), true, true, true);
}
