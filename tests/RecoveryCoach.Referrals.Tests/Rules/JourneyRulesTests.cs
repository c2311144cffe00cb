using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class JourneyRulesTests : IDisposable
{
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task DecideJourney_ShippedRules_GiveEveryDurationAndCount()
    {
        var rules = ShippedRules.Ruleset;

        var values = await rules.DecideJourneyAsync(new JourneyFacts("cambridge", 40));

        values.Should().Be(new JourneyValues(
            TeamLeadDays: 2,
            FirstContactDays: 7,
            AgreementDays: 7,
            ReminderIntervalDays: 2,
            EscalateAfterDays: 2,
            ContactAttempts: 3,
            CheckInCadenceDays: 7,
            DefaultPlannedWeeks: 6,
            MinPlannedWeeks: 6,
            MaxPlannedWeeks: 8,
            MaxExtensionWeeks: 4,
            ClosureReminderDays: 3,
            RulesetVersion: rules.Version));
    }

    [Fact]
    public async Task DecideJourney_ATeamRuleBeforeTheGeneralOne_WinsForThatTeamOnly()
    {
        folder.Write(Ruleset.JourneyFile, Journey(
            ("Huntingdon first contact", "referral.Team == \"huntingdon\"", "FirstContactDays", "10"),
            ("First contact", "true", "FirstContactDays", "7")));
        var rules = folder.Load();

        (await rules.DecideJourneyAsync(new JourneyFacts("huntingdon", 40))).FirstContactDays.Should().Be(10);
        (await rules.DecideJourneyAsync(new JourneyFacts("cambridge", 40))).FirstContactDays.Should().Be(7);
    }

    [Fact]
    public void Load_JourneyWithoutARuleForAValue_ThrowsNamingTheValue()
    {
        folder.Write(Ruleset.JourneyFile, Journey().Replace("\"value\": \"ClosureReminderDays\"", "\"value\": \"FirstContactDays\"", StringComparison.Ordinal));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().Contain(e => e.StartsWith("journey.json:", StringComparison.Ordinal) && e.Contains("ClosureReminderDays", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_JourneyRuleNamingAnUnknownValue_ThrowsNamingTheRule()
    {
        folder.Write(Ruleset.JourneyFile, Journey(("Typo", "true", "FirstContactDay", "7")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().Contain(e => e.StartsWith("journey.json:Typo:", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_JourneyOutputExpressionThatDoesNotCompile_ThrowsNamingTheRule()
    {
        folder.Write(Ruleset.JourneyFile, Journey(("Broken output", "true", "FirstContactDays", "referral.Nope + 1")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().Contain(e => e.StartsWith("journey.json:Broken output:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"seven\"")]
    [InlineData("0")]
    [InlineData("400")]
    public void Load_JourneyValueThatIsNotADuration_ThrowsNamingTheRule(string output)
    {
        folder.Write(Ruleset.JourneyFile, Journey(("Odd first contact", "true", "FirstContactDays", output)));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Message.Should().Contain("journey.json:Odd first contact:").And.Contain("FirstContactDays");
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("0.00003", 0.00003)]
    [InlineData("1.0 / 4", 0.25)]
    [InlineData("365", 365)]
    public async Task DecideJourney_FractionalOrWholeDuration_IsGivenAsWritten(string output, double days)
    {
        folder.Write(Ruleset.JourneyFile, Journey(("Reminders", "true", "ReminderIntervalDays", output)));

        var values = await folder.Load().DecideJourneyAsync(new JourneyFacts("cambridge", 40));

        values.ReminderIntervalDays.Should().Be(days);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-1", "-1")]
    [InlineData("366", "366")]
    [InlineData("0.0", "0")]
    [InlineData("365.5", "365.5")]
    public void Load_DurationNotMoreThan0AndAtMost365Days_IsRefusedNamingFileRuleAndValue(string output, string shown)
    {
        folder.Write(Ruleset.JourneyFile, Journey(("Remind the assignee every 2 days", "true", "ReminderIntervalDays", output)));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().Equal(
            $"journey.json:Remind the assignee every 2 days: ReminderIntervalDays must be a number of days greater than 0 and at most 365, not {shown}");
    }

    [Theory]
    [InlineData("ContactAttempts", "2.5", "2.5")]
    [InlineData("ContactAttempts", "3.0", "3")]
    [InlineData("CheckInCadenceDays", "0.5", "0.5")]
    [InlineData("MaxExtensionWeeks", "0", "0")]
    [InlineData("MaxPlannedWeeks", "366", "366")]
    public void Load_CountThatIsNotAWholeNumberFrom1To365_IsRefusedNamingFileRuleAndValue(string value, string output, string shown)
    {
        folder.Write(Ruleset.JourneyFile, Journey(("Odd count", "true", value, output)));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().Equal(
            $"journey.json:Odd count: {value} must be a whole number from 1 to 365, not {shown}");
    }

    [Fact]
    public void Load_TwoValuesOutOfRange_ReportsEach()
    {
        folder.Write(Ruleset.JourneyFile, Journey(("No escalation", "true", "EscalateAfterDays", "0"), ("No attempts", "true", "ContactAttempts", "0")));

        var act = () => folder.Load();

        act.Should().Throw<RulesetException>().Which.Errors.Should().Equal(
            "journey.json:No escalation: EscalateAfterDays must be a number of days greater than 0 and at most 365, not 0",
            "journey.json:No attempts: ContactAttempts must be a whole number from 1 to 365, not 0");
    }

    [Fact]
    public void Load_ChangedJourneyFile_ChangesTheVersion()
    {
        var before = folder.Load().Version;
        folder.Write(Ruleset.JourneyFile, Journey(("First contact", "true", "FirstContactDays", "5")));

        folder.Load().Version.Should().NotBe(before);
    }

    /// <summary>A journey workflow with the given rules first, then one rule for every value.</summary>
    private static string Journey(params (string Name, string Expression, string Value, string Output)[] first)
    {
        var rules = first.Concat(JourneyValues.Names.Select(n => ($"Default {n}", "true", n, "3")))
            .Select(r => $$"""
                { "RuleName": "{{r.Item1}}", "Expression": "{{r.Item2.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "Properties": { "value": "{{r.Item3}}" },
                  "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "{{r.Item4.Replace("\"", "\\\"", StringComparison.Ordinal)}}" } } } }
                """);
        return $$"""{ "WorkflowName": "Journey", "Rules": [ {{string.Join(",", rules)}} ] }""";
    }
}
