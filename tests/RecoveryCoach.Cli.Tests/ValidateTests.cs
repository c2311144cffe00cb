namespace RecoveryCoach.Cli.Tests;

public sealed class ValidateTests : IDisposable
{
    private readonly RulesCopy rules = new();

    public void Dispose() => rules.Dispose();

    [Fact]
    public async Task The_shipped_rules_are_valid()
    {
        var run = await Cli.RunAsync("rules", "validate", RulesCopy.Shipped);

        run.Code.Should().Be(0);
        run.Output.Should().StartWith("valid  ").And.Contain("eligibility.json  4").And.Contain("journey.json      12");
    }

    [Fact]
    public async Task Malformed_json_is_reported_with_file_and_rule()
    {
        rules.Replace("allocation.json", "\"SuccessEvent\": \"huntingdon\"", "\"SuccessEvent\": \"huntingdon\",,");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().Contain(l => l.StartsWith("allocation.json:Huntingdon: not valid rule JSON at line 21", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_expression_is_reported_with_file_and_rule()
    {
        rules.Replace("eligibility.json", "referral.ReadyToWorkTowardsDischarge", "referral.ReadyToWorkTowardDischarge");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().ContainSingle(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('/'))
            .Which.Should().StartWith("eligibility.json:Ready to work towards discharge: ").And.Contain("ReadyToWorkTowardDischarge");
    }

    [Fact]
    public async Task An_unknown_property_is_reported_with_file_and_rule()
    {
        rules.Replace("journey.json", "\"Properties\": { \"value\": \"ContactAttempts\" }", "\"Properties\": { \"valeu\": \"ContactAttempts\" }");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().Contain("journey.json:Three attempts to reach the person: Properties.valeu is not a property this can have; did you mean \"value\"?");
    }

    [Fact]
    public async Task A_duplicate_rule_name_is_reported_with_file_and_rule()
    {
        rules.Replace("allocation.json", "\"RuleName\": \"Huntingdon\"", "\"RuleName\": \"Cambridge\"");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().Contain("allocation.json:Cambridge: the rule name is used 2 times; names must be unique");
    }

    [Fact]
    public async Task Every_error_is_reported_at_once_with_a_count()
    {
        rules
            .Replace("allocation.json", "\"RuleName\": \"Huntingdon\"", "\"RuleName\": \"Cambridge\"")
            .Replace("eligibility.json", "referral.ReadyToWorkTowardsDischarge", "referral.ReadyToWorkTowardDischarge");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Output.Should().Contain("eligibility.json:Ready to work towards discharge: ").And.Contain("allocation.json:Cambridge: ").And.Contain("2 errors;");
    }

    [Fact]
    public async Task The_shipped_rules_in_whole_days_have_no_warning()
    {
        var run = await Cli.RunAsync("rules", "validate", RulesCopy.Shipped);

        run.Output.Should().NotContain("warning");
    }

    [Fact]
    public async Task A_duration_under_a_day_is_valid_with_a_warning_naming_rule_value_and_meaning()
    {
        rules.SetJourneyOutput("Remind the assignee every 2 days", "0.01");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(0);
        run.Output.Should().StartWith("valid  ");
        run.Lines.Should().Contain("warning: journey.json:Remind the assignee every 2 days: ReminderIntervalDays is 0.01 days (about 14 minutes): overdue tasks will be reminded that often")
            .And.Contain("1 warning; these rules can go live, but check that each value is meant.");
    }

    [Fact]
    public async Task Durations_of_seconds_for_an_end_to_end_test_are_valid_with_a_warning_each()
    {
        rules
            .SetJourneyOutput("First contact within 7 days", "0.00003")
            .SetJourneyOutput("Escalate to the team lead 2 days past due", "0.0001")
            .SetJourneyOutput("Weekly check-ins", "1");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(0);
        run.Lines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Should().Equal(
            "warning: journey.json:First contact within 7 days: FirstContactDays is 0.00003 days (about 3 seconds): initial conversations will be due that soon after allocation",
            "warning: journey.json:Escalate to the team lead 2 days past due: EscalateAfterDays is 0.0001 days (about 9 seconds): overdue tasks will go to the team lead that soon after their first reminder");
        run.Output.Should().Contain("2 warnings;");
    }

    [Fact]
    public async Task A_duration_of_0_a_negative_one_or_366_is_an_error_naming_rule_and_value()
    {
        rules
            .SetJourneyOutput("Remind the assignee every 2 days", "-1")
            .SetJourneyOutput("Escalate to the team lead 2 days past due", "0")
            .SetJourneyOutput("Remind about closure 3 days after it is due", "366");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().Contain("journey.json:Remind the assignee every 2 days: ReminderIntervalDays must be a number of days greater than 0 and at most 365, not -1")
            .And.Contain("journey.json:Escalate to the team lead 2 days past due: EscalateAfterDays must be a number of days greater than 0 and at most 365, not 0")
            .And.Contain("journey.json:Remind about closure 3 days after it is due: ClosureReminderDays must be a number of days greater than 0 and at most 365, not 366");
        run.Output.Should().Contain("3 errors;").And.NotContain("warning");
    }

    [Fact]
    public async Task A_fraction_for_a_count_is_an_error_naming_rule_and_value()
    {
        rules.SetJourneyOutput("Three attempts to reach the person", "2.5");

        var run = await Cli.RunAsync("rules", "validate", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().Contain("journey.json:Three attempts to reach the person: ContactAttempts must be a whole number from 1 to 365, not 2.5");
    }

    [Fact]
    public async Task A_folder_that_is_not_there_is_a_usage_error()
    {
        var run = await Cli.RunAsync("rules", "validate", Path.Combine(rules.Path, "nowhere"));

        run.Code.Should().Be(2);
        run.Error.Should().Contain("there is no folder");
    }
}
