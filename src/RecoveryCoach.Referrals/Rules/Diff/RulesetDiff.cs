using System.Text.Json;
using RecoveryCoach.Referrals.Rules.Schema;

namespace RecoveryCoach.Referrals.Rules.Diff;

/// <summary>
/// Which rules were added, removed, changed or reordered between two versions of the rule files,
/// rule by rule rather than line by line, so a policy owner or a member of staff can read what a
/// new version does differently. It reads the files as JSON only, so it can compare any two
/// versions, even one that no longer loads.
/// </summary>
/// <param name="From">The older version.</param>
/// <param name="To">The newer version.</param>
/// <param name="Changes">Every change, file by file in the order of <see cref="Ruleset.Files"/>, rules in file order.</param>
public sealed record RulesetDiff(string From, string To, IReadOnlyList<RuleChange> Changes)
{
    /// <summary>Compares two versions of the rule files.</summary>
    public static RulesetDiff Between(RuleFiles before, RuleFiles after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<RuleChange>();
        foreach (var file in Ruleset.Files)
        {
            var had = before.Texts.TryGetValue(file, out var old);
            var has = after.Texts.TryGetValue(file, out var @new);
            if (had && has)
            {
                changes.AddRange(Compare(file, old!, @new!));
            }
            else if (had || has)
            {
                changes.Add(new RuleChange(file, null, has ? RuleChangeKind.FileAdded : RuleChangeKind.FileRemoved, []));
            }
        }

        return new RulesetDiff(before.Version, after.Version, changes);
    }

    private static List<RuleChange> Compare(string file, string before, string after)
    {
        JsonDocument? old = null, @new = null;
        try
        {
            old = TryParse(before);
            @new = TryParse(after);
            if (old is null || @new is null || old.RootElement.ValueKind != JsonValueKind.Object || @new.RootElement.ValueKind != JsonValueKind.Object)
            {
                var (removed, added) = ExpressionTokens.LineDifference(before, after);
                return removed.Count == 0 && added.Count == 0
                    ? []
                    : [new RuleChange(file, null, RuleChangeKind.Changed, [new FieldChange("the file's lines (it is not readable as rules)", null, null, removed, added)])];
            }

            return CompareRules(file, old.RootElement, @new.RootElement);
        }
        finally
        {
            old?.Dispose();
            @new?.Dispose();
        }
    }

    private static List<RuleChange> CompareRules(string file, JsonElement before, JsonElement after)
    {
        var changes = new List<RuleChange>();
        var fileFields = Differences(Flatten(before, skip: ["Rules", "$schema"]), Flatten(after, skip: ["Rules", "$schema"]));
        if (fileFields.Count > 0)
        {
            changes.Add(new RuleChange(file, null, RuleChangeKind.Changed, fileFields));
        }

        var old = RulesOf(before);
        var @new = RulesOf(after);
        var oldNames = old.Select(r => r.Name).ToList();
        var newNames = @new.Select(r => r.Name).ToList();

        foreach (var (name, rule) in old.Where(r => !newNames.Contains(r.Name, StringComparer.Ordinal)))
        {
            changes.Add(new RuleChange(file, name, RuleChangeKind.Removed, Differences(Flatten(rule), [])));
        }

        var kept = newNames.Where(n => oldNames.Contains(n, StringComparer.Ordinal)).ToList();
        var inOrder = LongestCommonOrder(oldNames.Where(kept.Contains).ToList(), kept);
        foreach (var (name, rule) in @new)
        {
            var index = oldNames.IndexOf(name);
            if (index < 0)
            {
                changes.Add(new RuleChange(file, name, RuleChangeKind.Added, Differences([], Flatten(rule))));
                continue;
            }

            var fields = Differences(Flatten(old[index].Rule), Flatten(rule));
            if (fields.Count > 0)
            {
                changes.Add(new RuleChange(file, name, RuleChangeKind.Changed, fields));
            }

            if (!inOrder.Contains(name))
            {
                changes.Add(new RuleChange(file, name, RuleChangeKind.Moved, [], index + 1, newNames.IndexOf(name) + 1));
            }
        }

        return changes;
    }

    /// <summary>The rules in file order with their names; an unnamed or twice-named rule gets a name from its place.</summary>
    private static List<(string Name, JsonElement Rule)> RulesOf(JsonElement workflow)
    {
        if (!workflow.TryGetProperty("Rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<(string, JsonElement)>();
        var i = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            i++;
            var name = rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("RuleName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : $"rule {i}";
            list.Add((list.Exists(r => r.Item1 == name) ? $"{name} (rule {i})" : name, rule));
        }

        return list;
    }

    /// <summary>Every leaf of a JSON object by its dotted path: <c>Actions.OnSuccess.Context.Expression</c>.</summary>
    private static Dictionary<string, string> Flatten(JsonElement element, IReadOnlyCollection<string>? skip = null)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(element, string.Empty);
        return leaves;

        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any())
            {
                foreach (var property in e.EnumerateObject().Where(p => path.Length > 0 || skip is null || !skip.Contains(p.Name)))
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                }
            }
            else if (path.Length > 0)
            {
                leaves[path] = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
            }
        }
    }

    private static List<FieldChange> Differences(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k)))
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || !string.Equals(a, b, StringComparison.Ordinal))
            .Select(k => Field(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))];

    private static FieldChange Field(string name, string? before, string? after)
    {
        if (name.EndsWith("Expression", StringComparison.Ordinal) && before is not null && after is not null)
        {
            var (removed, added) = ExpressionTokens.Difference(before, after);
            return new FieldChange(name, before, after, removed, added);
        }

        return new FieldChange(name, before, after, [], []);
    }

    /// <summary>The names that keep their relative order: the longest common subsequence of both orders.</summary>
    private static HashSet<string> LongestCommonOrder(List<string> a, List<string> b)
    {
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var common = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j])
            {
                common.Add(a[i]);
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, NamedListJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
