using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RecoveryCoach.Referrals.Rules.Schema;
using RulesEngine.Exceptions;
using RulesEngine.Models;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// The policy rule files, loaded and checked as a whole. RulesEngine on its own reports a broken
/// expression as an ordinary "rule failed", which would quietly turn referrals away; this class
/// checks each file against its schema in <c>rules/schema/</c>, compiles every rule against the
/// real input types when the files are loaded and refuses a ruleset with any error, and it never
/// treats an exception during a decision as an answer. A ruleset never changes once loaded.
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
    private readonly Dictionary<string, IReadOnlyList<string>> ruleNames;

    private Ruleset(Workflow eligibility, Workflow allocation, Workflow journey, RuleFiles contents)
    {
        engine = new RulesEngine.RulesEngine([eligibility, allocation, journey], Settings);
        Contents = contents;
        ruleNames = new(StringComparer.Ordinal)
        {
            [EligibilityFile] = NamesOf(eligibility),
            [AllocationFile] = NamesOf(allocation),
            [JourneyFile] = NamesOf(journey),
        };

        static List<string> NamesOf(Workflow workflow) => [.. (workflow.Rules ?? []).Select(r => r.RuleName)];
    }

    /// <summary>Every rule file, all required.</summary>
    public static IReadOnlyList<string> Files { get; } = [EligibilityFile, AllocationFile, JourneyFile];

    /// <summary>A short hash of the rule files' content, recorded with every decision.</summary>
    public string Version => Contents.Version;

    /// <summary>The exact text this ruleset was built from, as stored for its version.</summary>
    public RuleFiles Contents { get; }

    /// <summary>The names of one file's rules, in file order.</summary>
    public IReadOnlyList<string> RuleNames(string file) => ruleNames[file];

    /// <summary>Reads and checks the rule files in <paramref name="folder"/>.</summary>
    /// <exception cref="RulesetException">Any file is missing or malformed, or any rule is wrong.</exception>
    public static Ruleset Load(string folder) => Load(RuleFiles.Read(folder));

    /// <summary>Checks the rule files and builds the ruleset from them, or reports every error at once.</summary>
    /// <exception cref="RulesetException">Any file is missing or malformed, or any rule is wrong.</exception>
    public static Ruleset Load(RuleFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<string>();
        var eligibility = Parse(files, EligibilityFile, EligibilityWorkflow, errors);
        var allocation = Parse(files, AllocationFile, AllocationWorkflow, errors);
        var journey = Parse(files, JourneyFile, JourneyWorkflow, errors);

        if (eligibility is not null)
        {
            CheckRules(EligibilityFile, eligibility, EligibilityFacts.Sample, errors);
        }

        if (allocation is not null)
        {
            CheckRules(AllocationFile, allocation, AllocationFacts.Sample, errors, CheckAllocationRule);
        }

        if (journey is not null)
        {
            CheckRules(JourneyFile, journey, JourneyFacts.Sample, errors);
            foreach (var missing in JourneyValues.Names.Where(name => !(journey.Rules ?? []).Any(r => ValueOf(r) == name)))
            {
                errors.Add($"{JourneyFile}: no rule gives {missing}; add a rule with \"Properties\": {{ \"{ValueProperty}\": \"{missing}\" }}");
            }
        }

        if (errors.Count > 0 || eligibility is null || allocation is null || journey is null)
        {
            throw new RulesetException(errors);
        }

        var ruleset = new Ruleset(eligibility, allocation, journey, files);

        // Every team, and none for a referral awaiting triage, must get every value.
        foreach (var team in Team.All.Select(t => t.Code).Append(string.Empty))
        {
            try
            {
                ruleset.DecideJourneyAsync(JourneyFacts.Sample with { Team = team }).GetAwaiter().GetResult();
            }
            catch (RulesetException ex)
            {
                errors.AddRange(ex.Errors.Except(errors, StringComparer.Ordinal));
            }
        }

        return errors.Count == 0 ? ruleset : throw new RulesetException(errors);
    }

    /// <summary>
    /// Decides a referral as the service does: eligibility first, and for an eligible referral the
    /// team and then the journey values for that team, all by this one ruleset.
    /// </summary>
    /// <exception cref="RulesetException">A rule could not be evaluated for this referral.</exception>
    public async Task<RulesDecision> DecideAsync(EligibilityFacts eligibility, AllocationFacts allocation)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        ArgumentNullException.ThrowIfNull(allocation);
        var decision = await DecideEligibilityAsync(eligibility).ConfigureAwait(false);
        if (!decision.Eligible)
        {
            return new RulesDecision(decision, null, null, new Dictionary<string, string>());
        }

        var team = await AllocateAsync(allocation).ConfigureAwait(false);
        var (journey, rules) = await TraceJourneyAsync(new JourneyFacts(team.Team?.Code ?? string.Empty, eligibility.AgeInYears)).ConfigureAwait(false);
        return new RulesDecision(decision, team, journey, rules);
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
    public async Task<JourneyValues> DecideJourneyAsync(JourneyFacts facts) => (await TraceJourneyAsync(facts).ConfigureAwait(false)).Values;

    /// <summary>The journey values and, for each, the name of the rule that gave it.</summary>
    /// <exception cref="RulesetException">A value has no matching rule, or is not a whole number from 1 to 365.</exception>
    internal async Task<(JourneyValues Values, IReadOnlyDictionary<string, string> Rules)> TraceJourneyAsync(JourneyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var results = await ExecuteAsync(JourneyWorkflow, facts).ConfigureAwait(false);
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results.Where(r => r.IsSuccess && ValueOf(r.Rule) is { } name && !values.ContainsKey(name)))
        {
            var name = ValueOf(result.Rule)!;
            var output = result.ActionResult?.Output;
            if (output is not (int or long or short or byte) || Convert.ToInt64(output, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 365)
            {
                throw new RulesetException($"{JourneyFile}:{result.Rule.RuleName}: {name} must be a whole number from 1 to 365, not {output ?? "nothing"}");
            }

            values[name] = Convert.ToInt32(output, System.Globalization.CultureInfo.InvariantCulture);
            rules[name] = result.Rule.RuleName;
        }

        var missing = JourneyValues.Names.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new RulesetException($"{JourneyFile}: no rule matches for {string.Join(", ", missing)} (team '{facts.Team}')");
        }

        return (new JourneyValues(
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
            Version), rules);
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

    /// <summary>
    /// Reads one file as JSON, checks it against its schema and for duplicate names, and only then
    /// hands it to RulesEngine; null, with the errors added, when any check fails.
    /// </summary>
    private static Workflow? Parse(RuleFiles files, string file, string workflowName, List<string> errors)
    {
        if (!files.Texts.TryGetValue(file, out var text))
        {
            errors.Add($"{file}: the file is missing from {files.Source}");
            return null;
        }

        var json = new NamedListJson(file, "Rules", "RuleName", "rule");
        using var document = json.Parse(text, errors);
        if (document is null)
        {
            return null;
        }

        var problems = RuleSchemas.For(file).Validate(document.RootElement);
        if (problems.Count > 0)
        {
            errors.AddRange(json.Describe(document, problems));
            return null;
        }

        var names = document.RootElement.GetProperty("Rules").EnumerateArray().Select(r => r.GetProperty("RuleName").GetString()!).ToList();
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        foreach (var duplicate in duplicates)
        {
            errors.Add($"{file}:{duplicate.Key}: the rule name is used {duplicate.Count()} times; names must be unique");
        }

        if (duplicates.Count > 0)
        {
            return null;
        }

        // The editor's "$schema" hint is not part of a workflow.
        var node = JsonNode.Parse(text, documentOptions: NamedListJson.Options)!.AsObject();
        node.Remove("$schema");
        Workflow? workflow;
        try
        {
            workflow = node.Deserialize<Workflow>(FileFormat);
        }
        catch (JsonException ex)
        {
            errors.Add($"{file}: not valid rule JSON: {ex.Message}");
            return null;
        }

        workflow!.WorkflowName = workflowName;
        return workflow;
    }

    /// <summary>Compiles every rule on a sample input, after the file's own check of what a rule means, if it has one.</summary>
    private static void CheckRules(string file, Workflow workflow, object sample, List<string> errors, Func<Rule, string?>? checkRule = null)
    {
        foreach (var rule in workflow.Rules ?? [])
        {
            if (checkRule?.Invoke(rule) is { } problem)
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
}
