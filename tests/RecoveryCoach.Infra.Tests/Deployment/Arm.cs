using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RecoveryCoach.Infra.Tests.Deployment;

/// <summary>Reading ARM JSON: property paths, and the few expression shapes a snapshot leaves.</summary>
internal static partial class Arm
{
    /// <summary>The built-in role definitions the deployment assigns, by their fixed GUIDs.</summary>
    public static class Roles
    {
        public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
        public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        public const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
        public const string CommunicationAndEmailServiceOwner = "09976791-48a7-449e-bb21-39d1a415f350";
    }

    public static JsonNode? At(JsonNode node, params string[] path) =>
        path.Aggregate<string, JsonNode?>(node, (current, key) => current is JsonObject o && o.TryGetPropertyValue(key, out var next) ? next : null);

    /// <summary>The string at <paramref name="path"/>, which must be there.</summary>
    public static string Text(JsonNode node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new Xunit.Sdk.XunitException($"No string at {string.Join('.', path)} in {node.ToJsonString()[..Math.Min(400, node.ToJsonString().Length)]}");

    /// <summary>
    /// A snapshot value with what only Azure knows written as <c>&lt;resource id.property&gt;</c>:
    /// <c>[format('https://{0}', reference('/…/sites/x', '2024-04-01').defaultHostName)]</c> reads
    /// <c>https://&lt;/…/sites/x.defaultHostName&gt;</c>. Any other expression is returned as it is.
    /// </summary>
    public static string Symbolic(string value)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            return value;
        }

        var expression = Reference().Replace(value[1..^1], m => $"<{m.Groups[1].Value}.{m.Groups[2].Value}>");
        if (Format().Match(expression) is { Success: true } format)
        {
            var arguments = format.Groups[2].Value.Split(", ").Select(a => a.StartsWith('\'') && a.EndsWith('\'') ? a[1..^1].Replace("''", "'", StringComparison.Ordinal) : a).ToArray();
            return Placeholder().Replace(format.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal), m => arguments[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return expression.StartsWith('<') && expression.EndsWith('>') && expression.Count(c => c == '<') == 1 ? expression : value;
    }

    /// <summary>A template's resources, whether listed (an array) or by symbolic name (an object, language version 2.0).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(r => r.Value!.AsObject()),
        _ => [],
    };

    /// <summary>A template and every module template nested in it, at any depth.</summary>
    public static IEnumerable<JsonObject> Templates(JsonObject template) =>
        Resources(template).Select(r => At(r, "properties", "template")).OfType<JsonObject>().SelectMany(Templates).Prepend(template);

    /// <summary>The template of the module deployed under <paramref name="name"/>.</summary>
    public static JsonObject Module(JsonObject template, string name) =>
        Resources(template).Where(r => Text(r, "type") == "Microsoft.Resources/deployments" && Text(r, "name") == name)
            .Should().ContainSingle("main.json should deploy the module {0}", name).Subject["properties"]!["template"]!.AsObject();

    /// <summary>How <see cref="Symbolic"/> writes a property of a resource only Azure knows.</summary>
    public static string Ref(JsonObject resource, string property) => $"<{Text(resource, "id")}.{property}>";

    [GeneratedRegex(@"reference\('([^']+)', '[^']+'\)\.([A-Za-z0-9_.]+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^format\('((?:[^']|'')*)', (.*)\)$")]
    private static partial Regex Format();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
