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
    public async Task A_folder_that_is_not_there_is_a_usage_error()
    {
        var run = await Cli.RunAsync("rules", "validate", Path.Combine(rules.Path, "nowhere"));

        run.Code.Should().Be(2);
        run.Error.Should().Contain("there is no folder");
    }
}
