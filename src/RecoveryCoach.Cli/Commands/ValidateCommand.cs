using RecoveryCoach.Cli.Output;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Cli.Commands;

/// <summary>
/// <c>rules validate [folder]</c>: the checks the service makes before it puts rules in force, run
/// before they get there, and a warning for each value that is allowed but probably not meant. A
/// warning leaves the exit code at 0: a test's rules need durations of seconds.
/// </summary>
internal static class ValidateCommand
{
    public static int Run(CommandLine line, Printer output, Printer errors)
    {
        if (RulesFolder.From(line, errors) is not { } folder)
        {
            return CliApp.Usage;
        }

        if (RulesFolder.Load(folder, output) is not { } rules)
        {
            return CliApp.Failed;
        }

        output.Line($"{output.Green("valid")}  {Path.GetFullPath(folder)}, version {output.Bold(rules.Version)}");
        var table = new Table("File", "Rules");
        foreach (var file in Ruleset.Files)
        {
            table.Row(file, rules.RuleNames(file).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.WriteTo(output);
        if (rules.Warnings.Count > 0)
        {
            output.Line();
            foreach (var warning in rules.Warnings)
            {
                output.Line($"{output.Yellow("warning:")} {warning}");
            }

            output.Line();
            output.Line(output.Yellow($"{RulesFolder.Count(rules.Warnings.Count, "warning")}; these rules can go live, but check that each value is meant."));
        }

        return 0;
    }
}
