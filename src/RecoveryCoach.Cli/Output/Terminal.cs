namespace RecoveryCoach.Cli.Output;

/// <summary>Whether to colour the output: only on a terminal that shows colour, and never when asked not to.</summary>
internal static class Terminal
{
    public const string NoColourOption = "--no-colour";

    public static bool UsesColour(IReadOnlyList<string> args) =>
        !args.Contains(NoColourOption)
        && !args.Contains("--no-color")
        && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null or ""
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
