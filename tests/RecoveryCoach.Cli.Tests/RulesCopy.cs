using System.Text.Json.Nodes;

namespace RecoveryCoach.Cli.Tests;

/// <summary>A temporary copy of the shipped rules folder, test cases included, deleted on dispose.</summary>
internal sealed class RulesCopy : IDisposable
{
    public RulesCopy()
    {
        Path = Directory.CreateTempSubdirectory("rc-cli-rules-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "tests"));
        foreach (var file in Directory.GetFiles(Shipped, "*.json", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(Shipped, file)));
        }
    }

    /// <summary>The rules folder as shipped, copied beside the tests by the build.</summary>
    public static string Shipped { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "rules");

    public string Path { get; }

    /// <summary>Changes a file in place; <paramref name="old"/> must be in it.</summary>
    public RulesCopy Replace(string file, string old, string @new)
    {
        var path = System.IO.Path.Combine(Path, file);
        var text = File.ReadAllText(path);
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} does not contain {old}.");
        }

        File.WriteAllText(path, text.Replace(old, @new, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Changes the value one journey rule, found by its name, gives.</summary>
    public RulesCopy SetJourneyOutput(string ruleName, string expression)
    {
        var path = System.IO.Path.Combine(Path, "journey.json");
        var journey = JsonNode.Parse(File.ReadAllText(path))!;
        var rule = journey["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == ruleName)!;
        rule["Actions"]!["OnSuccess"]!["Context"]!["Expression"] = expression;
        File.WriteAllText(path, journey.ToJsonString());
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
