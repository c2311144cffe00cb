using System.Text.RegularExpressions;

namespace RecoveryCoach.Referrals.Tests.Safety;

/// <summary>
/// <c>docs/hazard-log.md</c> as DCB0129 structures it, read so that a test can hold it to that
/// structure: a risk matrix (a table whose first column is headed <c>Likelihood</c> and whose
/// other columns are the severities), then a section <c>## H1. Title</c> for each hazard with its
/// <c>**Causes**</c>, <c>**Effect on the person:**</c>, <c>**Initial risk:**</c>, numbered
/// <c>**Controls**</c>, <c>**Residual risk:**</c> and, where any are left, <c>**Remaining actions**</c>.
/// A test is named as <c>`ClassName.MethodName`</c>, its class's name ending in <c>Tests</c>.
/// </summary>
internal sealed partial class HazardLog
{
    private const string Causes = "causes";
    private const string Effect = "effect on the person";
    private const string InitialRisk = "initial risk";
    private const string Controls = "controls";
    private const string ResidualRisk = "residual risk";

    /// <summary>The parts every hazard has, by their label, with what a missing one is called.</summary>
    private static readonly (string Label, string Missing)[] Required =
    [
        (Causes, "no causes"),
        (Effect, "no effect on the person"),
        (InitialRisk, "no initial risk"),
        (Controls, "no controls"),
        (ResidualRisk, "no residual risk"),
    ];

    private static readonly string[] Labels = [Causes, "cause", Effect, InitialRisk, Controls, ResidualRisk, "remaining actions"];

    private readonly string[] lines;
    private readonly List<string> problems = [];
    private readonly Dictionary<(string Likelihood, string Severity), int> matrix = [];

    private HazardLog(string markdown)
    {
        lines = markdown.ReplaceLineEndings("\n").Split('\n');
        ReadMatrix();
        ReadHazards();
    }

    /// <summary>Each hazard's id and title, in the log's order.</summary>
    public List<(string Id, string Title)> Hazards { get; } = [];

    /// <summary>Every test the log names, with where: a hazard's id, another section's heading, or <c>header</c> before the first.</summary>
    public List<(string Test, string Where)> NamedTests { get; } = [];

    public static HazardLog Read(string markdown) => new(markdown);

    /// <summary>
    /// What is wrong with the log, each in a line naming where: a named test that is not a test of
    /// <paramref name="tests"/> or is skipped, a hazard without one of its parts, a control that names
    /// no test, a risk the matrix rates otherwise. None for a log in good order.
    /// </summary>
    public IReadOnlyList<string> Problems(TestCatalog tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var all = new List<string>(problems);
        foreach (var (test, where) in NamedTests.Distinct())
        {
            if (!tests.Has(test))
            {
                all.Add($"{where}: `{test}` is not a test in the solution");
            }
            else if (tests.IsSkipped(test))
            {
                all.Add($"{where}: `{test}` is skipped, so it shows nothing");
            }
        }

        return all;
    }

    private void ReadMatrix()
    {
        var header = Array.FindIndex(lines, line => Cells(line) is [var first, ..] && first.StartsWith("Likelihood", StringComparison.OrdinalIgnoreCase));
        if (header < 0)
        {
            problems.Add("header: no risk matrix (a table whose first column is headed Likelihood and whose other columns are the severities)");
            return;
        }

        var severities = Cells(lines[header])[1..];
        foreach (var row in lines.Skip(header + 1).TakeWhile(line => line.TrimStart().StartsWith('|')).Select(Cells))
        {
            if (row.All(cell => SeparatorCell().IsMatch(cell)))
            {
                continue;
            }

            var ratings = row[1..].Select(cell => int.TryParse(cell, out var rating) ? rating : (int?)null).ToList();
            if (ratings.Count != severities.Length || ratings.Any(r => r is null))
            {
                problems.Add($"header: the risk matrix's row '{row[0]}' does not give a rating from 1 to 5 for each severity");
                continue;
            }

            for (var i = 0; i < severities.Length; i++)
            {
                matrix[(row[0].ToUpperInvariant(), severities[i].ToUpperInvariant())] = ratings[i]!.Value;
            }
        }
    }

    private void ReadHazards()
    {
        var (where, hazard, from) = ("header", false, 0);
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                continue;
            }

            if (hazard)
            {
                ReadHazard(where, lines[(from + 1)..i]);
            }
            else
            {
                NameTests(where, string.Join('\n', lines[from..i]));
            }

            if (i == lines.Length)
            {
                break;
            }

            (where, hazard, from) = (lines[i][3..].Trim(), false, i);
            if (HazardHeading().Match(lines[i]) is { Success: true } heading)
            {
                (where, hazard) = (heading.Groups["id"].Value, true);
                if (Hazards.Any(h => h.Id == where))
                {
                    problems.Add($"{where}: the id is used by another hazard too");
                }

                Hazards.Add((where, heading.Groups["title"].Value.Trim()));
            }
            else if (LooksLikeHazard().IsMatch(lines[i]))
            {
                problems.Add($"{where}: a hazard's heading is '## H<number>. Title'");
            }
        }

        if (Hazards.Count == 0)
        {
            problems.Add("header: no hazards (each a section '## H1. Title')");
        }
    }

    private void ReadHazard(string id, string[] section)
    {
        NameTests(id, string.Join('\n', section));
        var parts = Parts(section);
        foreach (var (label, missing) in Required)
        {
            if (!parts.TryGetValue(label, out var text) || string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"{id}: {missing}");
            }
        }

        foreach (var label in new[] { InitialRisk, ResidualRisk })
        {
            if (parts.TryGetValue(label, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                CheckRisk(id, label, text);
            }
        }

        if (parts.TryGetValue(Controls, out var controls) && !string.IsNullOrWhiteSpace(controls))
        {
            CheckControls(id, controls);
        }
    }

    /// <summary>Each part's text after its label, up to the next label; <c>**Cause**</c> counts as the causes.</summary>
    private static Dictionary<string, string> Parts(string[] section)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? label = null;
        foreach (var line in section)
        {
            if (PartLabel().Match(line) is { Success: true } found && Labels.Contains(found.Groups["label"].Value.Trim().ToLowerInvariant()))
            {
                label = found.Groups["label"].Value.Trim().ToLowerInvariant() is "cause" ? Causes : found.Groups["label"].Value.Trim().ToLowerInvariant();
                parts[label] = found.Groups["rest"].Value.Trim();
            }
            else if (label is not null)
            {
                parts[label] = (parts[label] + "\n" + line).Trim();
            }
        }

        return parts;
    }

    private void CheckRisk(string id, string label, string text)
    {
        if (Risk().Match(text) is not { Success: true } risk)
        {
            problems.Add($"{id}: the {label} does not read 'likelihood …, severity …: rating …'");
            return;
        }

        if (matrix.Count == 0)
        {
            return;
        }

        var (likelihood, severity, rating) = (risk.Groups["likelihood"].Value.Trim(), risk.Groups["severity"].Value.Trim(), int.Parse(risk.Groups["rating"].Value, System.Globalization.CultureInfo.InvariantCulture));
        if (!matrix.Keys.Any(k => string.Equals(k.Likelihood, likelihood, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{id}: the {label}'s likelihood '{likelihood}' is not one of the matrix");
        }
        else if (!matrix.Keys.Any(k => string.Equals(k.Severity, severity, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{id}: the {label}'s severity '{severity}' is not one of the matrix");
        }
        else if (matrix[(likelihood.ToUpperInvariant(), severity.ToUpperInvariant())] is var rated && rated != rating)
        {
            problems.Add($"{id}: the {label} is rated {rating}, but the matrix rates likelihood {likelihood} and severity {severity} {rated}");
        }
    }

    private void CheckControls(string id, string text)
    {
        var items = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (NumberedItem().IsMatch(line))
            {
                items.Add(line);
            }
            else if (items.Count > 0)
            {
                items[^1] += "\n" + line;
            }
        }

        if (items.Count == 0)
        {
            problems.Add($"{id}: the controls are not a numbered list");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var named = TestName().Matches(items[i]).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var dotted in DottedName().Matches(items[i]).Select(m => m.Groups["name"].Value).Where(name => !named.Contains(name)))
            {
                problems.Add($"{id}: control {i + 1} names `{dotted}`, which is not a test's name (a test class's name ends in Tests)");
            }

            if (named.Count == 0)
            {
                problems.Add($"{id}: control {i + 1} names no test");
            }
        }
    }

    private void NameTests(string where, string text) =>
        NamedTests.AddRange(TestName().Matches(text).Select(m => (m.Groups["name"].Value, where)));

    private static string[] Cells(string line) =>
        line.TrimStart().StartsWith('|')
            ? [.. line.Trim().Trim('|').Split('|').Select(cell => cell.Trim().Trim('*').Trim())]
            : [];

    [GeneratedRegex(@"^## (?<id>H\d+)\. (?<title>\S.*)$")]
    private static partial Regex HazardHeading();

    [GeneratedRegex(@"^## H\d")]
    private static partial Regex LooksLikeHazard();

    [GeneratedRegex(@"^\*\*(?<label>[^*:]+):?\*\*:?(?<rest>.*)$")]
    private static partial Regex PartLabel();

    [GeneratedRegex(@"likelihood (?<likelihood>[A-Za-z ]+?), severity (?<severity>[A-Za-z ]+?): rating (?<rating>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex Risk();

    [GeneratedRegex(@"^\d+\.\s")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"`(?<name>[A-Z][A-Za-z0-9]*Tests\.[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex TestName();

    [GeneratedRegex(@"`(?<name>[A-Z][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"^:?-+:?$")]
    private static partial Regex SeparatorCell();
}
