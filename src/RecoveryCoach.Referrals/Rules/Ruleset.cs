using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RulesEngine.Exceptions;
using RulesEngine.Models;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// The policy rule files, loaded and checked as a whole. RulesEngine on its own reports a broken
/// expression as an ordinary "rule failed", which would quietly turn referrals away; this class
/// compiles every rule against the real input types when the files are loaded and refuses a
/// ruleset with any error, and it never treats an exception during a decision as an answer.
/// </summary>
public sealed class Ruleset
{
    public const string EligibilityFile = "eligibility.json";
    public const string AllocationFile = "allocation.json";
    public const string JourneyFile = "journey.json";

    /// <summary>The success event an allocation rule names to send a referral to a team lead.</summary>
    public const string ManualTriage = "manual-triage";

    private const string EligibilityWorkflow = "Eligibility";
    private const string AllocationWorkflow = "Allocation";
    private const string JourneyWorkflow = "Journey";

    /// <summary>The journey rule property that names the value a rule gives.</summary>
    private const string ValueProperty = "value";

    /// <summary>The name rule expressions use for their input: <c>referral.AgeInYears</c>.</summary>
    private const string InputName = "referral";

    private static readonly JsonSerializerOptions FileFormat = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ReSettings Settings = new() { EnableExceptionAsErrorMessage = false };

    private readonly RulesEngine.RulesEngine engine;

    private Ruleset(Workflow eligibility, Workflow allocation, Workflow journey, string version)
    {
        engine = new RulesEngine.RulesEngine([eligibility, allocation, journey], Settings);
        Version = version;
    }

    /// <summary>Every rule file, all required.</summary>
    public static IReadOnlyList<string> Files { get; } = [EligibilityFile, AllocationFile, JourneyFile];

    /// <summary>A short hash of the rule files' content, recorded with every decision.</summary>
    public string Version { get; }

    /// <summary>Reads and checks the rule files in <paramref name="folder"/>.</summary>
    /// <exception cref="RulesetException">Any file is missing or malformed, or any rule is wrong.</exception>
    public static Ruleset Load(string folder)
    {
        var errors = new List<string>();
        var eligibilityText = ReadFile(folder, EligibilityFile, errors);
        var allocationText = ReadFile(folder, AllocationFile, errors);
        var journeyText = ReadFile(folder, JourneyFile, errors);
        var eligibility = Parse(eligibilityText, EligibilityFile, EligibilityWorkflow, errors);
        var allocation = Parse(allocationText, AllocationFile, AllocationWorkflow, errors);
        var journey = Parse(journeyText, JourneyFile, JourneyWorkflow, errors);

        if (eligibility is not null)
        {
            CheckRules(EligibilityFile, eligibility, EligibilityFacts.Sample, errors, CheckEligibilityRule);
        }

        if (allocation is not null)
        {
            CheckRules(AllocationFile, allocation, AllocationFacts.Sample, errors, CheckAllocationRule);
        }

        if (journey is not null)
        {
            CheckRules(JourneyFile, journey, JourneyFacts.Sample, errors, CheckJourneyRule);
            foreach (var missing in JourneyValues.Names.Where(name => !(journey.Rules ?? []).Any(r => ValueOf(r) == name)))
            {
                errors.Add($"{JourneyFile}: no rule gives {missing}; add a rule with \"Properties\": {{ \"{ValueProperty}\": \"{missing}\" }}");
            }
        }

        if (errors.Count > 0 || eligibility is null || allocation is null || journey is null)
        {
            throw new RulesetException(errors);
        }

        var ruleset = new Ruleset(eligibility, allocation, journey, VersionOf([(EligibilityFile, eligibilityText!), (AllocationFile, allocationText!), (JourneyFile, journeyText!)]));
        ruleset.DecideJourneyAsync(JourneyFacts.Sample).GetAwaiter().GetResult();
        return ruleset;
    }

    /// <summary>Runs every eligibility rule: a referral is eligible only when all are met, and every unmet one is reported.</summary>
    public async Task<EligibilityDecision> DecideEligibilityAsync(EligibilityFacts facts)
    {
        var results = await ExecuteAsync(EligibilityWorkflow, facts).ConfigureAwait(false);
        var criteria = results
            .Select(r => new CriterionResult(r.Rule.RuleName, r.IsSuccess, r.IsSuccess ? r.Rule.SuccessEvent : r.Rule.ErrorMessage))
            .ToList();
        return new EligibilityDecision(criteria.TrueForAll(c => c.Met), criteria, Version);
    }

    /// <summary>The first allocation rule in file order that matches decides the team.</summary>
    public async Task<AllocationDecision> AllocateAsync(AllocationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var results = await ExecuteAsync(AllocationWorkflow, facts).ConfigureAwait(false);
        var match = results.FirstOrDefault(r => r.IsSuccess);
        if (match is null)
        {
            return new AllocationDecision(null, null, $"No allocation rule covers postcode district {facts.PostcodeDistrict}, so a team lead will choose the team.", Version);
        }

        var rule = match.Rule;
        return Team.TryFind(rule.SuccessEvent, out var team)
            ? new AllocationDecision(team, rule.RuleName, $"Postcode district {facts.PostcodeDistrict} is covered by the {team.Name} team.", Version)
            : new AllocationDecision(null, rule.RuleName, $"Postcode district {facts.PostcodeDistrict} needs a team lead to choose the team.", Version);
    }

    /// <summary>
    /// Every journey value for one referral: for each, the first rule in file order that matches
    /// and gives it.
    /// </summary>
    /// <exception cref="RulesetException">A value has no matching rule, or is not a whole number from 1 to 365.</exception>
    public async Task<JourneyValues> DecideJourneyAsync(JourneyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var results = await ExecuteAsync(JourneyWorkflow, facts).ConfigureAwait(false);
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in results.Where(r => r.IsSuccess && ValueOf(r.Rule) is { } name && !values.ContainsKey(name)))
        {
            var name = ValueOf(result.Rule)!;
            var output = result.ActionResult?.Output;
            if (output is not (int or long or short or byte) || Convert.ToInt64(output, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 365)
            {
                throw new RulesetException($"{JourneyFile}:{result.Rule.RuleName}: {name} must be a whole number from 1 to 365, not {output ?? "nothing"}");
            }

            values[name] = Convert.ToInt32(output, System.Globalization.CultureInfo.InvariantCulture);
        }

        var missing = JourneyValues.Names.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new RulesetException($"{JourneyFile}: no rule matches for {string.Join(", ", missing)} (team '{facts.Team}')");
        }

        return new JourneyValues(
            values[nameof(JourneyValues.TeamLeadDays)],
            values[nameof(JourneyValues.FirstContactDays)],
            values[nameof(JourneyValues.AgreementDays)],
            values[nameof(JourneyValues.ReminderIntervalDays)],
            values[nameof(JourneyValues.EscalateAfterDays)],
            values[nameof(JourneyValues.ContactAttempts)],
            values[nameof(JourneyValues.CheckInCadenceDays)],
            values[nameof(JourneyValues.DefaultPlannedWeeks)],
            values[nameof(JourneyValues.MinPlannedWeeks)],
            values[nameof(JourneyValues.MaxPlannedWeeks)],
            values[nameof(JourneyValues.MaxExtensionWeeks)],
            values[nameof(JourneyValues.ClosureReminderDays)],
            Version);
    }

    private async Task<List<RuleResultTree>> ExecuteAsync(string workflow, object facts)
    {
        try
        {
            return await engine.ExecuteAllRulesAsync(workflow, new RuleParameter(InputName, facts)).ConfigureAwait(false);
        }
        catch (RuleException ex)
        {
            throw new RulesetException($"{FileOf(workflow)}:{RuleNameOf(ex)}: the rule could not be evaluated: {Describe(ex)}", ex);
        }
    }

    private static string FileOf(string workflow) => workflow switch
    {
        EligibilityWorkflow => EligibilityFile,
        AllocationWorkflow => AllocationFile,
        _ => JourneyFile,
    };

    private static string? ValueOf(Rule rule) =>
        rule.Properties is { } properties && properties.TryGetValue(ValueProperty, out var value) ? value?.ToString() : null;

    private static string? CheckJourneyRule(Rule rule)
    {
        if (ValueOf(rule) is not { } name || !JourneyValues.Names.Contains(name, StringComparer.Ordinal))
        {
            return $"Properties.{ValueProperty} must name one of {string.Join(", ", JourneyValues.Names)}";
        }

        return rule.Actions?.OnSuccess is { Name: "OutputExpression", Context: { } context } && context.TryGetValue("Expression", out var expression) && !string.IsNullOrWhiteSpace(expression?.ToString())
            ? null
            : "Actions.OnSuccess must be an OutputExpression whose Context.Expression gives the value";
    }

    /// <summary>RulesEngine keeps the failing rule's name in the exception data, not in the message.</summary>
    private static string RuleNameOf(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e.Data["RuleName"] is string name)
            {
                return name;
            }
        }

        return "(unknown rule)";
    }

    private static string? ReadFile(string folder, string file, List<string> errors)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            errors.Add($"{file}: the file is missing from {Path.GetFullPath(folder)}");
            return null;
        }

        return File.ReadAllText(path);
    }

    private static Workflow? Parse(string? text, string file, string expectedName, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        Workflow? workflow;
        try
        {
            workflow = JsonSerializer.Deserialize<Workflow>(text, FileFormat);
        }
        catch (JsonException ex)
        {
            errors.Add($"{file}: not valid rule JSON (line {ex.LineNumber + 1}): {ex.Message}");
            return null;
        }

        if (workflow is null)
        {
            errors.Add($"{file}: the file holds no workflow");
            return null;
        }

        if (!string.Equals(workflow.WorkflowName, expectedName, StringComparison.Ordinal))
        {
            errors.Add($"{file}: WorkflowName must be \"{expectedName}\", not \"{workflow.WorkflowName}\"");
        }

        workflow.WorkflowName = expectedName;
        var rules = workflow.Rules?.ToList() ?? [];
        if (rules.Count == 0)
        {
            errors.Add($"{file}: the workflow has no rules");
        }

        foreach (var duplicate in rules.GroupBy(r => r.RuleName, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{file}:{duplicate.Key}: the rule name is used {duplicate.Count()} times; names must be unique");
        }

        return workflow;
    }

    private static void CheckRules(string file, Workflow workflow, object sample, List<string> errors, Func<Rule, string?> checkRule)
    {
        foreach (var rule in workflow.Rules ?? [])
        {
            if (string.IsNullOrWhiteSpace(rule.RuleName))
            {
                errors.Add($"{file}: a rule has no RuleName");
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Expression) && rule.Rules?.Any() != true)
            {
                errors.Add($"{file}:{rule.RuleName}: the rule has no Expression");
                continue;
            }

            if (checkRule(rule) is { } problem)
            {
                errors.Add($"{file}:{rule.RuleName}: {problem}");
            }

            if (Compile(rule, sample) is { } compileError)
            {
                errors.Add($"{file}:{rule.RuleName}: {compileError}");
            }
        }
    }

    /// <summary>Compiles and runs one rule on a sample input; the engine's message when that fails.</summary>
    private static string? Compile(Rule rule, object sample)
    {
        var single = new Workflow { WorkflowName = "check", Rules = [rule] };
        try
        {
            var engine = new RulesEngine.RulesEngine([single], Settings);
            engine.ExecuteAllRulesAsync(single.WorkflowName, new RuleParameter(InputName, sample)).AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception ex)
        {
            // RulesEngine reports a broken output expression as a bare Exception.
            return Describe(ex);
        }
    }

    private static string? CheckEligibilityRule(Rule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.ErrorMessage))
        {
            return "ErrorMessage must say, for the referrer, why the criterion is not met";
        }

        return string.IsNullOrWhiteSpace(rule.SuccessEvent) ? "SuccessEvent must say, for the referrer, that the criterion is met" : null;
    }

    private static string? CheckAllocationRule(Rule rule)
    {
        var known = Team.All.Select(t => t.Code).Append(ManualTriage).ToList();
        return known.Contains(rule.SuccessEvent ?? string.Empty, StringComparer.Ordinal)
            ? null
            : $"SuccessEvent must name a team ({string.Join(", ", known)}), not \"{rule.SuccessEvent}\"";
    }

    private static string Describe(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(e.Message) && !messages.Exists(m => m.Contains(e.Message, StringComparison.Ordinal)))
            {
                messages.Add(e.Message);
            }
        }

        return messages.Count == 0 ? ex.GetType().Name : string.Join(" - ", messages);
    }

    private static string VersionOf(IEnumerable<(string Name, string Text)> files)
    {
        var canonical = new StringBuilder();
        foreach (var (name, text) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            canonical.Append(name).Append('\n').Append(text.ReplaceLineEndings("\n")).Append('\0');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(hash)[..12];
    }
}
