using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RecoveryCoach.Infra.Tests.Deployment;

/// <summary>
/// The resources one environment's deployment would create, as <c>bicep snapshot</c> predicted
/// them: modules flattened, every parameter, variable, name and resource id worked out. What
/// only Azure knows at deployment (a principal id, a host name, a secret's address) stays a
/// <c>reference()</c>, which <see cref="Arm.Symbolic"/> turns into <c>&lt;resource id.property&gt;</c>.
/// </summary>
internal sealed partial class Snapshot(string environment, JsonObject root)
{
    public string Environment { get; } = environment;

    public IReadOnlyList<JsonObject> Resources { get; } = [.. root["predictedResources"]!.AsArray().Select(r => r!.AsObject())];

    public JsonObject Outputs { get; } = root["outputs"]!.AsObject();

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => Arm.Text(r, "type") == type);

    /// <summary>The one resource of <paramref name="type"/> whose name ends with <paramref name="nameEnd"/>.</summary>
    public JsonObject Single(string type, string nameEnd = "")
    {
        var matches = OfType(type).Where(r => Arm.Text(r, "name").EndsWith(nameEnd, StringComparison.Ordinal)).ToList();
        matches.Should().ContainSingle("the {0} deployment should create one {1} named *{2}", Environment, type, nameEnd);
        return matches[0];
    }

    /// <summary>The Functions app (<c>functionapp,linux</c>) or the web app (<c>app,linux</c>).</summary>
    public JsonObject Site(string kind) =>
        OfType("Microsoft.Web/sites").Should().ContainSingle(s => Arm.Text(s, "kind") == kind, "{0} should have one site of kind {1}", Environment, kind).Subject;

    /// <summary>A site's app settings, from its <c>config/appsettings</c> resource, values made <see cref="Arm.Symbolic"/>.</summary>
    public IReadOnlyDictionary<string, string> AppSettings(JsonObject site)
    {
        var config = Single("Microsoft.Web/sites/config", Arm.Text(site, "name") + "/appsettings");
        return config["properties"]!.AsObject().ToDictionary(p => p.Key, p => Arm.Symbolic(p.Value!.GetValue<string>()));
    }

    /// <summary>Every role assignment: on what, to whom (an identity's <c>&lt;id.principalId&gt;</c>, or an object id), which role.</summary>
    public IReadOnlyList<RoleAssignment> RoleAssignments => [.. OfType("Microsoft.Authorization/roleAssignments").Select(ToRoleAssignment)];

    private static RoleAssignment ToRoleAssignment(JsonObject assignment)
    {
        var id = Arm.Text(assignment, "id");
        var scope = ExtensionScope().Match(id) is { Success: true } extension
            ? extension.Groups[1].Value
            : id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal)];
        var roleDefinition = Arm.Text(assignment, "properties", "roleDefinitionId");
        return new RoleAssignment(scope, Arm.Symbolic(Arm.Text(assignment, "properties", "principalId")), roleDefinition[(roleDefinition.LastIndexOf('/') + 1)..]);
    }

    [GeneratedRegex(@"^\[extensionResourceId\('([^']+)', 'Microsoft\.Authorization/roleAssignments'")]
    private static partial Regex ExtensionScope();
}

/// <summary>One role assignment: <paramref name="Role"/> is the role definition's GUID.</summary>
internal sealed record RoleAssignment(string Scope, string Principal, string Role);
