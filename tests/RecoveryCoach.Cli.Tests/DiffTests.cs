namespace RecoveryCoach.Cli.Tests;

public sealed class DiffTests : IDisposable
{
    private readonly RulesCopy rules = new();

    public void Dispose() => rules.Dispose();

    [Fact]
    public async Task A_changed_age_limit_and_a_new_district_are_summarised_rule_by_rule()
    {
        rules
            .Replace("eligibility.json", "referral.AgeInYears >= 17", "referral.AgeInYears >= 16")
            .Replace("allocation.json", "\\\"CB7\\\", ", "\\\"CB7\\\", \\\"CB12\\\", ");

        var run = await Cli.RunAsync("rules", "diff", RulesCopy.Shipped, rules.Path);

        run.Code.Should().Be(0);
        run.Output.Should().ContainAll(
            "\neligibility.json\n  changed  \"Aged 17 to 65\"\n           Expression: removes 17; adds 16\n             was: referral.AgeInYears >= 17 && referral.AgeInYears <= 65\n             now: referral.AgeInYears >= 16 && referral.AgeInYears <= 65",
            "\nallocation.json\n  changed  \"Cambridge\"\n           Expression: adds \"CB12\"\n",
            "journey.json: no changes");
    }

    [Fact]
    public async Task The_same_rules_have_no_changes()
    {
        var run = await Cli.RunAsync("rules", "diff", RulesCopy.Shipped, rules.Path);

        run.Code.Should().Be(0);
        run.Lines.Should().Contain("No rule was added, removed, changed or moved.");
    }

    [Fact]
    public async Task One_folder_is_a_usage_error()
    {
        var run = await Cli.RunAsync("rules", "diff", rules.Path);

        run.Code.Should().Be(2);
        run.Error.Should().Contain("needs two folders");
    }
}
