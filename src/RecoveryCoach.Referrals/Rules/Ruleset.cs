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
public sealed partial class Ruleset
{
    public const string EligibilityFile = "eligibility.json";
    public const string AllocationFile = "allocation.json";
    public const string JourneyFile = "journey.json";

    /// <summary>The success event an allocation rule names to send a referral to a team lead.</summary>
    public const string ManualTriage = "manual-triage";

    private const string EligibilityWorkflow = "Eligibility";
    private const string AllocationWorkflow = "Allocation";
    private const string JourneyWorkflow = "Journey";

    /// <summary>The name rule expressions use for their input: <c>referral.AgeInYears</c>.</summary>
    private const string InputName = "referral";

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

    /// <summary>
    /// The journey values each team gets, and a referral awaiting triage, for the sample referral
    /// the rules are checked with when they are loaded (aged 40), with the rule behind each value.
    /// </summary>
    public IReadOnlyList<JourneyTrace> SampleJourneys { get; private set; } = [];

    /// <summary>
    /// What these rules allow but a policy owner has probably not meant, as <c>file:rule: message</c>:
    /// a duration under a day in <see cref="SampleJourneys"/>. Warnings never stop rules going live.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

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
            CheckEveryValueIsGiven(journey, errors);
        }

        if (errors.Count > 0 || eligibility is null || allocation is null || journey is null)
        {
            throw new RulesetException(errors);
        }

        var ruleset = new Ruleset(eligibility, allocation, journey, files);
        ruleset.SampleJourneys = ruleset.TraceEveryTeam(errors);
        ruleset.Warnings = JourneyWarnings.Of(ruleset.SampleJourneys);
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
        var journey = await TraceJourneyAsync(new JourneyFacts(team.Team?.Code ?? string.Empty, eligibility.AgeInYears)).ConfigureAwait(false);
        return new RulesDecision(decision, team, journey.Values, journey.Rules);
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
