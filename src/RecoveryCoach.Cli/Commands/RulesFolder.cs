using RecoveryCoach.Cli.Output;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Cli.Commands;

/// <summary>The rules folder a verb works on: the one given, or <c>rules</c> in the current folder.</summary>
internal static class RulesFolder
{
    public const string Default = "rules";

    /// <summary>The folder, or null after saying why there is none.</summary>
    public static string? From(CommandLine line, Printer errors)
    {
        if (line.Folders.Count > 1)
        {
            CliApp.UsageError(errors, $"give one rules folder, not {line.Folders.Count}");
            return null;
        }

        return Existing(line.Folders.Count == 0 ? Default : line.Folders[0], errors);
    }

    /// <summary>The folder when it exists, or null after saying it does not.</summary>
    public static string? Existing(string folder, Printer errors)
    {
        if (Directory.Exists(folder))
        {
            return folder;
        }

        errors.Line($"{errors.Red("error:")} there is no folder {Path.GetFullPath(folder)}; run this from the folder that holds \"{Default}\", or give the rules folder");
        return null;
    }

    /// <summary>Loads the rules, or prints every error as <c>file:rule: message</c> and returns null.</summary>
    public static Ruleset? Load(string folder, Printer output)
    {
        try
        {
            return Ruleset.Load(folder);
        }
        catch (RulesetException ex)
        {
            foreach (var error in ex.Errors)
            {
                output.Line(error);
            }

            output.Line();
            output.Line(output.Red($"{Path.GetFullPath(folder)}: {Count(ex.Errors.Count, "error")}; these rules cannot go live until each is fixed."));
            return null;
        }
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
