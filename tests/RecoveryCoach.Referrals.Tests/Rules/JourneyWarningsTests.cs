using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

public sealed class JourneyWarningsTests : IDisposable
{
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_ShippedRulesInWholeDays_WarnOfNothing()
    {
        ShippedRules.Ruleset.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Load_DurationUnderADay_IsWarnedOfOnceNamingRuleValueAndWhatItMeans()
    {
        folder.SetJourneyOutput("Remind the assignee every 2 days", "0.01");

        var rules = folder.Load();

        rules.Warnings.Should().Equal(
            "journey.json:Remind the assignee every 2 days: ReminderIntervalDays is 0.01 days (about 14 minutes): overdue tasks will be reminded that often");
    }

    [Fact]
    public void Load_DurationUnderADayForOneTeam_IsWarnedOfByItsRule()
    {
        folder.Replace(Ruleset.JourneyFile, "\"Rules\": [", """
            "Rules": [
                { "RuleName": "Huntingdon: first contact within half a day", "Expression": "referral.Team == \"huntingdon\"", "Properties": { "value": "FirstContactDays" },
                  "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "0.5" } } } },
            """);

        var rules = folder.Load();

        rules.Warnings.Should().Equal(
            "journey.json:Huntingdon: first contact within half a day: FirstContactDays is 0.5 days (about 12 hours): initial conversations will be due that soon after allocation");
        rules.SampleJourneys.Select(j => (j.Facts.Team, j.Values.FirstContactDays)).Should().Equal(
            ("cambridge", 7), ("huntingdon", 0.5), ("peterborough-fenland", 7), ("", 7));
    }

    [Fact]
    public void Load_DurationsOfOneDayOrMore_AreNotWarnedOf()
    {
        folder.SetJourneyOutput("Remind the assignee every 2 days", "1").SetJourneyOutput("Escalate to the team lead 2 days past due", "1.5");

        folder.Load().Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0.5, "about 12 hours")]
    [InlineData(1.0 / 24, "about 1 hour")]
    [InlineData(0.01, "about 14 minutes")]
    [InlineData(0.00003, "about 3 seconds")]
    [InlineData(0.000001, "under a second")]
    public void About_ATimeUnderADay_IsInItsLargestWholeUnit(double days, string text)
    {
        JourneyWarnings.About(days).Should().Be(text);
    }
}
