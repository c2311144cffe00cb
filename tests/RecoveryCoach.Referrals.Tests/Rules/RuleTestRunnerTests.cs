using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Testing;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class RuleTestRunnerTests : IDisposable
{
    private readonly RuleFolder folder = new RuleFolder().WithShippedTests();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task RunAsync_ShippedRulesAndCases_AllPassAndEveryRuleIsChecked()
    {
        var report = await RuleTestRunner.RunAsync(ShippedRules.Ruleset, ShippedRules.Folder);

        report.Errors.Should().BeEmpty();
        report.Uncovered.Should().BeEmpty();
        report.Results.Should().OnlyContain(r => r.Passed);
        report.Results.Should().HaveCountGreaterThan(40);
        report.Passed.Should().BeTrue();
        report.Version.Should().Be(ShippedRules.Ruleset.Version);
    }

    [Theory]
    [InlineData("CB1"), InlineData("CB2"), InlineData("CB3"), InlineData("CB4"), InlineData("CB5"), InlineData("CB6"), InlineData("CB7")]
    [InlineData("CB21"), InlineData("CB22"), InlineData("CB23"), InlineData("CB24"), InlineData("CB25")]
    [InlineData("CB8"), InlineData("CB9"), InlineData("CB10"), InlineData("CB11")]
    [InlineData("PE19"), InlineData("PE26"), InlineData("PE27"), InlineData("PE28"), InlineData("PE29")]
    [InlineData("PE1"), InlineData("PE2"), InlineData("PE3"), InlineData("PE4"), InlineData("PE5"), InlineData("PE6"), InlineData("PE7"), InlineData("PE8")]
    [InlineData("PE13"), InlineData("PE14"), InlineData("PE15"), InlineData("PE16")]
    public async Task ShippedCases_CoverEveryDistrictTheRulesName(string district)
    {
        var report = await RuleTestRunner.RunAsync(ShippedRules.Ruleset, ShippedRules.Folder);

        report.Results.Should().Contain(r => r.File == "tests/allocation.json" && r.Case.StartsWith(district + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AgeLimitChangedUnderTheCases_FailsTheBoundaryCasesShowingTheDifference()
    {
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        report.Passed.Should().BeFalse();
        var failed = report.Results.Where(r => !r.Passed).ToList();
        failed.Select(r => r.Case).Should().BeEquivalentTo(
            "Sixteen, the day before the seventeenth birthday",
            "Born on 29 February: still sixteen on 28 February in a common year",
            "Not eligible, so no team is chosen");
        failed[0].Differences.Should().Equal(
            new RuleTestDifference("Eligible", "not eligible", "eligible"),
            new RuleTestDifference("Unmet", "\"Aged 17 to 65\"", "none"));
    }

    [Fact]
    public async Task RunAsync_WrongTeamRuleAndJourneyExpectations_ShowEachDifference()
    {
        folder.WriteTests("mine.json", """
            {
              "Cases": [
                { "Name": "Wrong team", "Referral": { "AgeInYears": 40, "Postcode": "PE19 1AB" }, "Expect": { "Team": "cambridge", "Rule": "Cambridge" } },
                { "Name": "Wrong journey", "Journey": { "Team": "huntingdon" }, "Expect": { "Journey": { "FirstContactDays": 5, "ContactAttempts": 3 } } },
                { "Name": "Right", "Referral": { "AgeInYears": 40, "Postcode": "PE19 1AB" }, "Expect": { "Eligible": true, "Team": "huntingdon", "Rule": "Huntingdon" } }
              ]
            }
            """);

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        var mine = report.Results.Where(r => r.File == "tests/mine.json").ToList();
        mine.Select(r => r.Passed).Should().Equal(false, false, true);
        mine[0].Differences.Should().Equal(
            new RuleTestDifference("Team", "cambridge", "huntingdon (rule \"Huntingdon\")"),
            new RuleTestDifference("Rule", "\"Cambridge\"", "\"Huntingdon\""));
        mine[1].Differences.Should().Equal(new RuleTestDifference("Journey.FirstContactDays", "5", "7 (rule \"First contact within 7 days\")"));
        report.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_FractionalDurationExpected_IsComparedAsWritten()
    {
        folder.SetJourneyOutput("Team leads decide within 2 days", "0.00003");
        folder.WriteTests("mine.json", """
            {
              "Cases": [
                { "Name": "Seconds for a team lead", "Journey": { "Team": "triage" }, "Expect": { "Journey": { "TeamLeadDays": 0.00003, "FirstContactDays": 7 } } },
                { "Name": "Half a day", "Journey": { "Team": "triage" }, "Expect": { "Journey": { "TeamLeadDays": 0.5 } } }
              ]
            }
            """);

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        var mine = report.Results.Where(r => r.File == "tests/mine.json").ToList();
        mine[0].Passed.Should().BeTrue();
        mine[1].Differences.Should().Equal(new RuleTestDifference("Journey.TeamLeadDays", "0.5", "0.00003 (rule \"Team leads decide within 2 days\")"));
    }

    [Fact]
    public async Task RunAsync_TeamExpectedOfAnIneligibleReferral_SaysItWasNotEligible()
    {
        folder.WriteTests("mine.json", """
            { "Cases": [ { "Name": "Too old for a team", "Referral": { "AgeInYears": 70, "Postcode": "CB1 2AB" }, "Expect": { "Team": "cambridge" } } ] }
            """);

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        report.Results.Single(r => r.File == "tests/mine.json").Differences.Should().Equal(new RuleTestDifference("Team", "cambridge", "none (not eligible)"));
    }

    [Fact]
    public async Task RunAsync_NewRuleWithoutACase_IsReportedAsUnchecked()
    {
        // Last in the file, so the Cambridge rule decides CB6 first and no case reaches this one.
        folder.Replace(Ruleset.AllocationFile, "\"SuccessEvent\": \"peterborough-fenland\"\n    }", """
            "SuccessEvent": "peterborough-fenland" },
                { "RuleName": "Ely", "Expression": "referral.PostcodeDistrict == \"CB6\"", "SuccessEvent": "cambridge" }
            """);

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        report.Uncovered.Should().Equal("allocation.json:Ely: no test case checks this rule; add one to tests/");
        report.Passed.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{ "Cases": [ { "Name": "Both", "Referral": { "AgeInYears": 40 }, "Journey": { "Team": "cambridge" }, "Expect": { "Eligible": true } } ] }""", "tests/bad.json:Both: give either Referral or Journey")]
    [InlineData("""{ "Cases": [ { "Name": "No postcode", "Referral": { "AgeInYears": 40 }, "Expect": { "Team": "cambridge" } } ] }""", "tests/bad.json:No postcode: Referral needs a Postcode")]
    [InlineData("""{ "Cases": [ { "Name": "Two ages", "Referral": { "AgeInYears": 40, "DateOfBirth": "1985-01-01", "ReferredOn": "2025-01-01" }, "Expect": { "Eligible": true } } ] }""", "tests/bad.json:Two ages: Referral needs AgeInYears, or DateOfBirth with ReferredOn, but not both")]
    [InlineData("""{ "Cases": [ { "Name": "Nothing", "Referral": { "AgeInYears": 40 }, "Expect": { } } ] }""", "tests/bad.json:Nothing: Expect checks nothing")]
    [InlineData("""{ "Cases": [ { "Name": "Typo", "Referral": { "AgeInYears": 40 }, "Expect": { "Eligble": true } } ] }""", "tests/bad.json:Typo: Expect.Eligble is not a property this can have; did you mean \"Eligible\"?")]
    [InlineData("""{ "Cases": [ { "Name": "Bad team", "Journey": { "Team": "ely" }, "Expect": { "Journey": { "FirstContactDays": 7 } } } ] }""", "tests/bad.json:Bad team: Journey.Team must be one of")]
    [InlineData("""{ "Cases": [ { "Name": "No time", "Journey": { "Team": "cambridge" }, "Expect": { "Journey": { "ReminderIntervalDays": 0 } } } ] }""", "tests/bad.json:No time: Expect.Journey.ReminderIntervalDays must be more than 0, not 0")]
    [InlineData("""{ "Cases": [ { "Name": "Half a try", "Journey": { "Team": "cambridge" }, "Expect": { "Journey": { "ContactAttempts": 2.5 } } } ] }""", "tests/bad.json:Half a try: Expect.Journey.ContactAttempts must be a whole number, not the number 2.5")]
    [InlineData("""{ "Cases": [ { "Name": "Bad postcode", "Referral": { "AgeInYears": 40, "Postcode": "Cambridge" }, "Expect": { "Team": "cambridge" } } ] }""", "tests/bad.json:Bad postcode: Referral.Postcode \"Cambridge\" is not a UK postcode")]
    [InlineData("""{ "Cases": [ { "Name": "Twice", "Referral": { "AgeInYears": 40 }, "Expect": { "Eligible": true } }, { "Name": "Twice", "Referral": { "AgeInYears": 40 }, "Expect": { "Eligible": true } } ] }""", "tests/bad.json:Twice: the case name is used 2 times")]
    [InlineData("""{ "Cases": [ { "Name": "Broken", "Referral": { "AgeInYears": 40 }, "Expect": { "Eligible": true } ] }""", "tests/bad.json:Broken: not valid rule JSON")]
    public async Task RunAsync_CaseThatMakesNoSense_IsReportedWithFileAndCase(string text, string error)
    {
        folder.WriteTests("bad.json", text);

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        report.Errors.Should().ContainSingle().Which.Should().StartWith(error);
        report.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_NoTestFiles_FailsSayingSo()
    {
        using var bare = new RuleFolder();

        var report = await RuleTestRunner.RunAsync(bare.Load(), bare.Path);

        report.Errors.Should().ContainSingle().Which.Should().StartWith("tests: there are no test case files");
        report.Passed.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_RuleThatThrowsForACase_FailsThatCaseWithTheError()
    {
        // Age 40, the sample when loading, divides safely; age 50 divides by zero.
        folder.Replace(Ruleset.EligibilityFile, "referral.AgeInYears >= 17 && referral.AgeInYears <= 65", "100 / (referral.AgeInYears - 50) != 0 && referral.AgeInYears >= 17 && referral.AgeInYears <= 65");
        folder.WriteTests("mine.json", """{ "Cases": [ { "Name": "Fifty", "Referral": { "AgeInYears": 50 }, "Expect": { "Eligible": true } } ] }""");

        var report = await RuleTestRunner.RunAsync(folder.Load(), folder.Path);

        var fifty = report.Results.Single(r => r.Case == "Fifty");
        fifty.Passed.Should().BeFalse();
        fifty.Error.Should().StartWith("eligibility.json:Aged 17 to 65: the rule could not be evaluated");
    }
}
