using RecoveryCoach.Cli.Output;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Diff;

namespace RecoveryCoach.Cli.Commands;

/// <summary><c>rules diff &lt;old&gt; &lt;new&gt;</c>: which rules were added, removed, changed or moved between two rules folders.</summary>
internal static class DiffCommand
{
    /// <summary>Values longer than this are shown as what they gained and lost, not in full.</summary>
    private const int ShortValue = 80;

    public static int Run(CommandLine line, Printer output, Printer errors)
    {
        if (line.Folders.Count != 2)
        {
            return CliApp.UsageError(errors, "rules diff needs two folders: the old rules and the new");
        }

        if (RulesFolder.Existing(line.Folders[0], errors) is not { } old || RulesFolder.Existing(line.Folders[1], errors) is not { } @new)
        {
            return CliApp.Usage;
        }

        var diff = RulesetDiff.Between(RuleFiles.Read(old), RuleFiles.Read(@new));
        Print(diff, output);
        return 0;
    }

    public static void Print(RulesetDiff diff, Printer output)
    {
        output.Line($"Rules {output.Bold(diff.From)} -> {output.Bold(diff.To)}");
        if (diff.Changes.Count == 0)
        {
            output.Line("No rule was added, removed, changed or moved.");
            return;
        }

        foreach (var file in Ruleset.Files)
        {
            var changes = diff.Changes.Where(c => c.File == file).ToList();
            output.Line();
            output.Line(changes.Count == 0 ? output.Dim($"{file}: no changes") : output.Bold(file));
            foreach (var change in changes)
            {
                PrintChange(change, output);
            }
        }
    }

    private static void PrintChange(RuleChange change, Printer output)
    {
        var subject = change.Rule is null ? "the file" : $"\"{change.Rule}\"";
        switch (change.Kind)
        {
            case RuleChangeKind.Added:
                output.Line($"  {output.Green("added")}    {subject}");
                break;
            case RuleChangeKind.Removed:
                output.Line($"  {output.Red("removed")}  {subject}");
                break;
            case RuleChangeKind.Moved:
                output.Line($"  {output.Yellow("moved")}    {subject} from rule {change.From} to rule {change.To}; the first rule that matches decides");
                return;
            case RuleChangeKind.FileAdded:
                output.Line($"  {output.Green("added")}    the whole file");
                return;
            case RuleChangeKind.FileRemoved:
                output.Line($"  {output.Red("removed")}  the whole file");
                return;
            default:
                output.Line($"  {output.Yellow("changed")}  {subject}");
                break;
        }

        foreach (var field in change.Fields.Where(f => f.Field != "RuleName"))
        {
            if (field.Before is null && field.After is null)
            {
                output.Line($"           {field.Field}:");
                field.Removed.ToList().ForEach(l => output.Line(output.Red($"             - {l}")));
                field.Added.ToList().ForEach(l => output.Line(output.Green($"             + {l}")));
            }
            else if (change.Kind != RuleChangeKind.Changed)
            {
                output.Line($"           {field.Field}: {field.After ?? field.Before}");
            }
            else
            {
                var gainedOrLost = string.Join("; ", new[]
                {
                    field.Removed.Count > 0 ? "removes " + string.Join(" ", field.Removed) : null,
                    field.Added.Count > 0 ? "adds " + string.Join(" ", field.Added) : null,
                }.OfType<string>());
                output.Line($"           {field.Field}" + (gainedOrLost.Length > 0 ? $": {gainedOrLost}" : string.Empty));
                if (gainedOrLost.Length == 0 || Math.Max(field.Before?.Length ?? 0, field.After?.Length ?? 0) <= ShortValue)
                {
                    output.Line($"             was: {field.Before ?? "(not there)"}");
                    output.Line($"             now: {field.After ?? "(not there)"}");
                }
            }
        }
    }
}
