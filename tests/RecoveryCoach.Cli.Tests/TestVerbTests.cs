namespace RecoveryCoach.Cli.Tests;

public sealed class TestVerbTests : IDisposable
{
    private readonly RulesCopy rules = new();

    public void Dispose() => rules.Dispose();

    [Fact]
    public async Task The_shipped_cases_pass_and_are_listed_one_a_line()
    {
        var run = await Cli.RunAsync("rules", "test", RulesCopy.Shipped);

        run.Code.Should().Be(0);
        var rows = run.Lines.Where(l => l.StartsWith("  pass ", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCountGreaterThan(40);
        rows.Should().Contain(l => l.Contains("tests/eligibility.json", StringComparison.Ordinal) && l.Contains("Seventeenth birthday on the day of referral", StringComparison.Ordinal));
        run.Lines.Should().Contain($"{rows.Count} passed, 0 failed");
    }

    [Fact]
    public async Task A_wrong_expectation_fails_showing_the_difference()
    {
        rules.Replace("tests/allocation.json", "\"PE19 1AB\"},\n      \"Expect\": {\"Team\": \"huntingdon\"", "\"PE19 1AB\"},\n      \"Expect\": {\"Team\": \"cambridge\"");

        var run = await Cli.RunAsync("rules", "test", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().ContainSingle(l => l.Contains("FAIL", StringComparison.Ordinal))
            .Which.Should().MatchRegex(@"^  FAIL +tests/allocation\.json +PE19 goes to huntingdon +Team: expected cambridge, got huntingdon \(rule ""Huntingdon""\)$");
        run.Lines.Should().Contain(l => l.EndsWith(" passed, 1 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rule_change_that_breaks_cases_fails_each_with_every_difference()
    {
        rules.Replace("eligibility.json", "referral.AgeInYears >= 17", "referral.AgeInYears >= 16");

        var run = await Cli.RunAsync("rules", "test", rules.Path);

        run.Code.Should().Be(1);
        var failed = run.Lines.SkipWhile(l => !l.Contains("Sixteen, the day before the seventeenth birthday", StringComparison.Ordinal)).Take(2).ToList();
        failed[0].Should().StartWith("  FAIL ").And.EndWith("Eligible: expected not eligible, got eligible");
        failed[1].Trim().Should().Be("Unmet: expected \"Aged 17 to 65\", got none");
    }

    [Fact]
    public async Task A_rule_no_case_checks_fails_the_run()
    {
        rules.Replace("allocation.json", "\"SuccessEvent\": \"peterborough-fenland\"\n    }", """
            "SuccessEvent": "peterborough-fenland" },
                { "RuleName": "Ely", "Expression": "referral.PostcodeDistrict == \"CB6\"", "SuccessEvent": "cambridge" }
            """);

        var run = await Cli.RunAsync("rules", "test", rules.Path);

        run.Code.Should().Be(1);
        run.Lines.Should().Contain("allocation.json:Ely: no test case checks this rule; add one to tests/");
    }

    [Fact]
    public async Task Rules_that_do_not_load_are_reported_before_any_case_runs()
    {
        rules.Replace("eligibility.json", "referral.AgeInYears >= 17", "referral.Age >= 17");

        var run = await Cli.RunAsync("rules", "test", rules.Path);

        run.Code.Should().Be(1);
        run.Lines[0].Should().StartWith("eligibility.json:Aged 17 to 65: ");
        run.Output.Should().NotContain("pass");
    }
}
