namespace RecoveryCoach.Cli.Tests;

public class OutputTests
{
    [Fact]
    public async Task On_a_terminal_with_colour_results_are_coloured()
    {
        var run = await Cli.RunAsync(colour: true, "rules", "test", RulesCopy.Shipped);

        run.Output.Should().Contain("\u001b[32mpass\u001b[0m");
    }

    [Fact]
    public async Task Without_colour_the_output_is_plain_text()
    {
        var run = await Cli.RunAsync("rules", "test", RulesCopy.Shipped);

        run.Output.Should().NotContain("\u001b[");
    }

    [Fact]
    public async Task No_colour_option_wins_and_is_not_taken_for_a_folder()
    {
        var run = await Cli.RunAsync(colour: false, "rules", "validate", RulesCopy.Shipped, "--no-colour");

        run.Code.Should().Be(0);
        run.Output.Should().NotContain("\u001b[");
    }

    [Theory]
    [InlineData("rules")]
    [InlineData("rules", "check")]
    [InlineData("policies", "validate")]
    [InlineData("rules", "validate", "--since", "9d")]
    [InlineData("rules", "what-if", "--sinse", "9d")]
    public async Task A_command_line_that_makes_no_sense_prints_the_usage(params string[] args)
    {
        var run = await Cli.RunAsync(args);

        run.Code.Should().Be(2);
        run.Error.Should().StartWith("error: ").And.Contain("Usage: recoverycoach rules <verb>");
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var run = await Cli.RunAsync("--help");

        run.Code.Should().Be(0);
        run.Output.Should().Contain("rules what-if [folder] [--since 90d]");
    }
}
