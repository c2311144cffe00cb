using RecoveryCoach.Cli;

namespace RecoveryCoach.Cli.Tests;

/// <summary>Runs the command line in this process, as a policy owner would type it, and keeps what it printed.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(colour: false, args);

    public static async Task<CliRun> RunAsync(bool colour, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, colour, CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <param name="Code">The exit code.</param>
internal sealed record CliRun(int Code, string Output, string Error)
{
    public IReadOnlyList<string> Lines => Output.Split(Environment.NewLine);
}
