using System.Text.Json.Nodes;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tests.Rules;

/// <summary>A temporary folder of rule files, starting as a copy of the shipped ones, deleted on dispose.</summary>
internal sealed class RuleFolder : IDisposable
{
    public RuleFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rc-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in Ruleset.Files)
        {
            File.Copy(System.IO.Path.Combine(ShippedRules.Folder, file), System.IO.Path.Combine(Path, file));
        }
    }

    public string Path { get; }

    public RuleFolder Write(string file, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), text);
        return this;
    }

    /// <summary>Adds a copy of the shipped test cases in <c>tests/</c>.</summary>
    public RuleFolder WithShippedTests()
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "tests"));
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(ShippedRules.Folder, "tests"), "*.json"))
        {
            File.Copy(file, System.IO.Path.Combine(Path, "tests", System.IO.Path.GetFileName(file)), overwrite: true);
        }

        return this;
    }

    /// <summary>Writes a test case file in <c>tests/</c>.</summary>
    public RuleFolder WriteTests(string file, string text)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "tests"));
        File.WriteAllText(System.IO.Path.Combine(Path, "tests", file), text);
        return this;
    }

    /// <summary>Changes a file's text in place: <paramref name="old"/>, which must be there, becomes <paramref name="new"/>.</summary>
    public RuleFolder Replace(string file, string old, string @new)
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
    public RuleFolder SetJourneyOutput(string ruleName, string expression)
    {
        var path = System.IO.Path.Combine(Path, Ruleset.JourneyFile);
        var journey = JsonNode.Parse(File.ReadAllText(path))!;
        var rule = journey["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == ruleName)!;
        rule["Actions"]!["OnSuccess"]!["Context"]!["Expression"] = expression;
        File.WriteAllText(path, journey.ToJsonString());
        return this;
    }

    public RuleFolder Delete(string file)
    {
        File.Delete(System.IO.Path.Combine(Path, file));
        return this;
    }

    public Ruleset Load() => Ruleset.Load(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
