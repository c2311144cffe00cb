using RecoveryCoach.Referrals.Rules.Schema;

namespace RecoveryCoach.Referrals.Rules.Testing;

/// <summary>
/// Runs the test cases in a rules folder's <c>tests/</c> against a ruleset, so a policy owner
/// sees what a change does to the examples they care about, and finds out which rules no example
/// checks, before the change goes live.
/// </summary>
public static class RuleTestRunner
{
    /// <summary>The folder, inside a rules folder, that holds the test case files.</summary>
    public const string Folder = "tests";

    /// <summary>Runs every case in <c>{rulesFolder}/tests/*.json</c> against <paramref name="ruleset"/>.</summary>
    public static async Task<RuleTestReport> RunAsync(Ruleset ruleset, string rulesFolder)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        var errors = new List<string>();
        var cases = Read(Path.Combine(rulesFolder, Folder), errors);
        var results = new List<RuleTestResult>();
        var checkedRules = new HashSet<(string File, string Rule)>();
        foreach (var testCase in cases)
        {
            results.Add(await RunAsync(ruleset, testCase, checkedRules).ConfigureAwait(false));
        }

        var uncovered = RuleNames(ruleset)
            .Where(rule => !checkedRules.Contains(rule))
            .Select(rule => $"{rule.File}:{rule.Rule}: no test case checks this rule; add one to {Folder}/")
            .ToList();
        return new RuleTestReport(ruleset.Version, results, errors, uncovered);
    }

    private static List<RuleTestCase> Read(string folder, List<string> errors)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            errors.Add($"{Folder}: there are no test case files (*.json) in {Path.GetFullPath(folder)}");
            return [];
        }

        var cases = new List<RuleTestCase>();
        foreach (var path in files)
        {
            var file = $"{Folder}/{Path.GetFileName(path)}";
            var json = new NamedListJson(file, "Cases", "Name", "case");
            using var document = json.Parse(File.ReadAllText(path), errors);
            if (document is null)
            {
                continue;
            }

            var problems = RuleSchemas.Tests.Validate(document.RootElement);
            if (problems.Count > 0)
            {
                errors.AddRange(json.Describe(document, problems));
                continue;
            }

            var entries = document.RootElement.GetProperty("Cases").EnumerateArray().ToList();
            foreach (var duplicate in entries.GroupBy(e => e.GetProperty("Name").GetString()!, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"{file}:{duplicate.Key}: the case name is used {duplicate.Count()} times; names must be unique");
            }

            cases.AddRange(entries.Select(entry => RuleTestCase.Read(file, entry, errors)).OfType<RuleTestCase>());
        }

        return cases;
    }

    private static async Task<RuleTestResult> RunAsync(Ruleset ruleset, RuleTestCase testCase, HashSet<(string, string)> checkedRules)
    {
        var expect = testCase.Expect;
        var differences = new List<RuleTestDifference>();
        try
        {
            if (testCase.Journey is { } journeyFacts)
            {
                var journey = await ruleset.TraceJourneyAsync(journeyFacts).ConfigureAwait(false);
                CompareJourney(expect, journey.Values, journey.Rules, differences, checkedRules);
                return new RuleTestResult(testCase.File, testCase.Name, differences, null);
            }

            var facts = testCase.Eligibility!;
            var decision = testCase.Postcode is { } postcode
                ? await ruleset.DecideAsync(facts, AllocationFacts.For(postcode)).ConfigureAwait(false)
                : new RulesDecision(await ruleset.DecideEligibilityAsync(facts).ConfigureAwait(false), null, null, new Dictionary<string, string>());

            var unmet = decision.Eligibility.Criteria.Where(c => !c.Met).Select(c => c.Criterion).ToList();
            if (expect.Eligible is { } eligible && eligible != decision.Eligibility.Eligible)
            {
                differences.Add(new("Eligible", Eligibility(eligible), Eligibility(decision.Eligibility.Eligible)));
            }

            if (expect.Unmet is { } expectedUnmet)
            {
                checkedRules.UnionWith(expectedUnmet.Select(rule => (Ruleset.EligibilityFile, rule)));
                if (!expectedUnmet.Order(StringComparer.Ordinal).SequenceEqual(unmet.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                {
                    differences.Add(new("Unmet", List(expectedUnmet), List(unmet)));
                }
            }

            var allocation = decision.Allocation;
            if (allocation?.Rule is { } matched && (expect.Team is not null || expect.RuleGiven))
            {
                checkedRules.Add((Ruleset.AllocationFile, matched));
            }

            var team = allocation is null ? "none (not eligible)" : allocation.Team?.Code ?? RuleTestCase.Triage;
            if (expect.Team is not null && expect.Team != team)
            {
                differences.Add(new("Team", expect.Team, allocation?.Rule is { } rule ? $"{team} (rule \"{rule}\")" : team));
            }

            if (expect.RuleGiven && (allocation is null || allocation.Rule != expect.Rule))
            {
                differences.Add(new("Rule", Quoted(expect.Rule), allocation is null ? "none (not eligible)" : Quoted(allocation.Rule)));
            }

            if (expect.Journey is not null)
            {
                if (decision.Journey is null)
                {
                    differences.Add(new("Journey", "values", "none (not eligible)"));
                }
                else
                {
                    CompareJourney(expect, decision.Journey, decision.JourneyRules, differences, checkedRules);
                }
            }
        }
        catch (RulesetException ex)
        {
            return new RuleTestResult(testCase.File, testCase.Name, differences, string.Join("; ", ex.Errors));
        }

        return new RuleTestResult(testCase.File, testCase.Name, differences, null);
    }

    private static void CompareJourney(RuleTestExpectation expect, JourneyValues values, IReadOnlyDictionary<string, string> rules, List<RuleTestDifference> differences, HashSet<(string, string)> checkedRules)
    {
        foreach (var (name, expected) in expect.Journey ?? new Dictionary<string, double>())
        {
            checkedRules.Add((Ruleset.JourneyFile, rules[name]));
            var actual = values.Get(name);
            if (actual != expected)
            {
                differences.Add(new($"Journey.{name}", JourneyValues.Format(expected), $"{JourneyValues.Format(actual)} (rule \"{rules[name]}\")"));
            }
        }
    }

    private static IEnumerable<(string File, string Rule)> RuleNames(Ruleset ruleset) =>
        Ruleset.Files.SelectMany(file => ruleset.RuleNames(file).Select(rule => (file, rule)));

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Select(n => $"\"{n}\"")) : "none";

    private static string Quoted(string? rule) => rule is null ? "no rule" : $"\"{rule}\"";

    private static string Eligibility(bool eligible) => eligible ? "eligible" : "not eligible";
}
