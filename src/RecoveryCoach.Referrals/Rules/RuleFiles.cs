using System.Security.Cryptography;
using System.Text;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// The text of the rule files, read once. The version is a hash of exactly this text, and the
/// ruleset is built from exactly this text, so a file saved between hashing and parsing can never
/// make a ruleset whose version names other rules.
/// </summary>
/// <param name="Texts">Each rule file present, by file name (<c>eligibility.json</c>); a missing file is absent.</param>
/// <param name="Source">Where the files came from, for messages: a folder's full path, or a stored version.</param>
public sealed record RuleFiles(IReadOnlyDictionary<string, string> Texts, string Source)
{
    /// <summary>A short hash of the files' content, line endings aside, recorded with every decision.</summary>
    public string Version { get; } = VersionOf(Texts);

    /// <summary>Reads every rule file in <paramref name="folder"/>; files that are missing are left out.</summary>
    public static RuleFiles Read(string folder)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Ruleset.Files)
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                texts[file] = File.ReadAllText(path);
            }
        }

        return new RuleFiles(texts, Path.GetFullPath(folder));
    }

    private static string VersionOf(IReadOnlyDictionary<string, string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var canonical = new StringBuilder();
        foreach (var (name, text) in texts.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            canonical.Append(name).Append('\n').Append(text.ReplaceLineEndings("\n")).Append('\0');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash)[..12];
    }
}
