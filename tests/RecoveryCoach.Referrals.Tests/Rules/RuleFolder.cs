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

    public RuleFolder Delete(string file)
    {
        File.Delete(System.IO.Path.Combine(Path, file));
        return this;
    }

    public Ruleset Load() => Ruleset.Load(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
