using RecoveryCoach.Cli.Commands;
using RecoveryCoach.Cli.Output;

namespace RecoveryCoach.Cli;

/// <summary>
/// The policy owners' command line, <c>rules validate|test|what-if|diff</c>, and the one
/// maintenance command, <c>caseload rebuild</c>. It only reads the arguments and prints; the
/// checks, the test runner, the what-if, the diff and the rebuild are the service's own code, so
/// the tools and the service can never disagree.
/// </summary>
public static class CliApp
{
    /// <summary>The exit code for rules that fail a check.</summary>
    public const int Failed = 1;

    /// <summary>The exit code for a command line that cannot be understood.</summary>
    public const int Usage = 2;

    internal const string UsageText = """
        Usage: recoverycoach rules <verb> [arguments]
               recoverycoach caseload rebuild [options]
          (or: dotnet run --project src/RecoveryCoach.Cli -- rules <verb> [arguments])

          rules validate [folder]
              Check every rule file against its schema, compile every expression, and report
              each error as file:rule: message. The folder is "rules" unless given. A duration
              under a day is allowed but printed as a warning, since it makes reminders that often.
          rules test [folder]
              Run the test cases in <folder>/tests/*.json and show each as pass or fail.
          rules what-if [folder] [--since 90d] [--connection <string>] [--hub <name>]
              Decide the stored referrals of the period again with the rules in the folder and
              list the decisions that would change. It only reads; it changes nothing.
              --since takes days (90d), weeks (12w) or hours (48h).
          rules diff <old-folder> <new-folder>
              Show which rules were added, removed, changed or moved.
          caseload rebuild [--connection <string>] [--hub <name>]
              Write the staff caseload list, search index and report facts again from
              the stored referrals and tasks. Safe while the service runs, and to run again.

          --no-colour   plain text even on a terminal (also when NO_COLOR is set)
        """;

    /// <returns>0 when the rules pass, <see cref="Failed"/> when they do not, <see cref="Usage"/> for a command line that makes no sense.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool colour, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = args.Where(a => a is not (Terminal.NoColourOption or "--no-color")).ToList();
        var printer = new Printer(output, colour);
        var errors = new Printer(error, colour);
        if (words.Count > 0 && words[0] is "-h" or "--help" or "help")
        {
            printer.Line(UsageText);
            return 0;
        }

        if (words.Count >= 2 && words[0] == "caseload")
        {
            return words[1] == "rebuild"
                ? await RunAsync(
                    CommandLine.Parse(words.Skip(2), StorageSettings.ConnectionOption, StorageSettings.HubOption),
                    errors,
                    line => CaseloadRebuildCommand.RunAsync(line, printer, errors, cancellationToken)).ConfigureAwait(false)
                : UsageError(errors, $"unknown verb \"{words[1]}\"");
        }

        if (words.Count < 2 || words[0] != "rules")
        {
            return UsageError(errors, words.Count == 0 ? "say what to do" : $"unknown command \"{string.Join(' ', words.Take(2))}\"");
        }

        var rest = words.Skip(2);
        return words[1] switch
        {
            "validate" => Run(CommandLine.Parse(rest), errors, line => ValidateCommand.Run(line, printer, errors)),
            "test" => await RunAsync(CommandLine.Parse(rest), errors, line => TestCommand.RunAsync(line, printer, errors)).ConfigureAwait(false),
            "what-if" => await RunAsync(
                CommandLine.Parse(rest, WhatIfCommand.SinceOption, StorageSettings.ConnectionOption, StorageSettings.HubOption),
                errors,
                line => WhatIfCommand.RunAsync(line, printer, errors, cancellationToken)).ConfigureAwait(false),
            "diff" => Run(CommandLine.Parse(rest), errors, line => DiffCommand.Run(line, printer, errors)),
            _ => UsageError(errors, $"unknown verb \"{words[1]}\""),
        };
    }

    internal static int UsageError(Printer errors, string problem)
    {
        errors.Line($"{errors.Red("error:")} {problem}");
        errors.Line();
        errors.Line(UsageText);
        return Usage;
    }

    private static int Run((CommandLine? Line, string? Error) parsed, Printer errors, Func<CommandLine, int> command) =>
        parsed.Line is null ? UsageError(errors, parsed.Error!) : command(parsed.Line);

    private static async Task<int> RunAsync((CommandLine? Line, string? Error) parsed, Printer errors, Func<CommandLine, Task<int>> command) =>
        parsed.Line is null ? UsageError(errors, parsed.Error!) : await command(parsed.Line).ConfigureAwait(false);
}
