using System.Text.RegularExpressions;

namespace RecoveryCoach.Referrals.Rules.Diff;

/// <summary>
/// Splits an expression into its words, values and operators, so a change to a long one can be
/// shown as what it gained and lost: a postcode district added to a list of thirty, or an age
/// limit of 17 that became 16. A file too broken to read as rules is compared by its lines.
/// </summary>
internal static partial class ExpressionTokens
{
    [GeneratedRegex("""
        "(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_.]*|\d+(?:\.\d+)?|&&|\|\||[<>=!]=|[^\s]
        """, RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>The tokens only <paramref name="before"/> has and those only <paramref name="after"/> has, each as often as it is extra.</summary>
    public static (IReadOnlyList<string> Removed, IReadOnlyList<string> Added) Difference(string before, string after)
    {
        var old = Split(before);
        var @new = Split(after);
        var (removed, added) = (Except(old, @new), Except(@new, old));

        // A value added to a list brings a comma; the comma is not news unless it is the only change.
        var words = (removed.Where(Meaningful).ToList(), added.Where(Meaningful).ToList());
        return words.Item1.Count + words.Item2.Count > 0 ? words : (removed, added);
    }

    /// <summary>The lines, trimmed, only <paramref name="before"/> has and those only <paramref name="after"/> has: for a file that is not readable JSON.</summary>
    public static (IReadOnlyList<string> Removed, IReadOnlyList<string> Added) LineDifference(string before, string after)
    {
        var old = Lines(before);
        var @new = Lines(after);
        return (Except(old, @new), Except(@new, old));
    }

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static bool Meaningful(string token) => token is not ("," or "(" or ")");

    private static List<string> Split(string expression) => [.. Token().Matches(expression).Select(m => m.Value)];

    private static List<string> Except(List<string> from, List<string> take)
    {
        var left = take.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var extra = new List<string>();
        foreach (var token in from)
        {
            if (left.TryGetValue(token, out var count) && count > 0)
            {
                left[token] = count - 1;
            }
            else
            {
                extra.Add(token);
            }
        }

        return extra;
    }
}
