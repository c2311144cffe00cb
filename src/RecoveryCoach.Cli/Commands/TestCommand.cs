using RecoveryCoach.Cli.Output;
using RecoveryCoach.Referrals.Rules.Testing;

namespace RecoveryCoach.Cli.Commands;

/// <summary><c>rules test [folder]</c>: runs the folder's test cases and shows each as pass or fail, with what differed.</summary>
internal static class TestCommand
{
    public static async Task<int> RunAsync(CommandLine line, Printer output, Printer errors)
    {
        if (RulesFolder.From(line, errors) is not { } folder)
        {
            return CliApp.Usage;
        }

        if (RulesFolder.Load(folder, output) is not { } rules)
        {
            return CliApp.Failed;
        }

        var report = await RuleTestRunner.RunAsync(rules, folder).ConfigureAwait(false);
        output.Line($"Rules version {output.Bold(report.Version)}: {RulesFolder.Count(report.Results.Count, "test case")} in {Path.GetFullPath(Path.Combine(folder, RuleTestRunner.Folder))}");
        output.Line();
        if (report.Results.Count > 0)
        {
            var table = new Table("Result", "File", "Case", "Difference");
            foreach (var result in report.Results)
            {
                var verdict = result.Passed ? new Cell("pass", output.Green) : new Cell("FAIL", output.Red);
                var lines = result.Error is { } error
                    ? [$"could not decide: {error}"]
                    : result.Differences.Select(d => $"{d.Field}: expected {d.Expected}, got {d.Actual}").ToList();
                table.Row(verdict, result.File, result.Case, lines.FirstOrDefault() ?? string.Empty);
                foreach (var more in lines.Skip(1))
                {
                    table.Row(string.Empty, string.Empty, string.Empty, more);
                }
            }

            table.WriteTo(output);
            output.Line();
        }

        foreach (var problem in report.Errors.Concat(report.Uncovered))
        {
            output.Line(problem);
        }

        var failed = report.Results.Count(r => !r.Passed);
        var summary = $"{report.Results.Count - failed} passed, {failed} failed"
            + (report.Errors.Count > 0 ? $", {RulesFolder.Count(report.Errors.Count, "problem")} in the test files" : string.Empty)
            + (report.Uncovered.Count > 0 ? $", {RulesFolder.Count(report.Uncovered.Count, "rule")} without a test case" : string.Empty);
        output.Line(report.Passed ? output.Green(summary) : output.Red(summary));
        return report.Passed ? 0 : CliApp.Failed;
    }
}
