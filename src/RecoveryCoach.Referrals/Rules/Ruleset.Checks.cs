using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RecoveryCoach.Referrals.Rules.Schema;
using RulesEngine.Models;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>The checks a ruleset's files pass before it is built: shape, names and every rule compiled.</summary>
public sealed partial class Ruleset
{
    private static readonly JsonSerializerOptions FileFormat = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

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
}
