using System.Reflection;
using System.Text.Json.Nodes;

namespace RecoveryCoach.Infra.Tests.Deployment;

/// <summary>
/// What <c>infra/build.sh</c> compiled the Bicep to, in <c>infra/bin</c>: the ARM template, and
/// for each environment its compiled parameter file and the snapshot of the resources its
/// deployment would create. <c>./test.sh</c> runs the build before the tests; these files are
/// never committed, and a test without them fails saying how to make them.
/// </summary>
internal static class Built
{
    private static readonly Lazy<JsonObject> ArmTemplate = new(() => Read("main.json"));
    private static readonly Dictionary<string, Lazy<Snapshot>> Snapshots = Environments().ToDictionary(
        environment => environment,
        environment => new Lazy<Snapshot>(() => new Snapshot(environment, Read($"{environment}.snapshot.json"))));

    public static string Folder => Path.Combine(Repository.Root, "infra", "bin");

    /// <summary>The template <c>bicep build infra/main.bicep</c> wrote, modules nested in it.</summary>
    public static JsonObject Template => ArmTemplate.Value;

    /// <summary>The environments there are parameter files for.</summary>
    public static TheoryData<string> EnvironmentNames => [.. Environments()];

    public static Snapshot Snapshot(string environment) => Snapshots[environment].Value;

    /// <summary>The environment's parameter file as <c>bicep build-params</c> compiled it.</summary>
    public static JsonObject Parameters(string environment) => Read($"{environment}.parameters.json");

    /// <summary>The text of an environment's <c>.bicepparam</c> file, as committed.</summary>
    public static string ParameterFile(string environment) => File.ReadAllText(Path.Combine(Repository.Root, "infra", $"{environment}.bicepparam"));

    private static IEnumerable<string> Environments() => ["dev", "prod"];

    private static JsonObject Read(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing. infra/build.sh compiles the Bicep into infra/bin, and ./test.sh runs it before the tests; run infra/build.sh, then these tests again.",
                path);
        }

        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }
}
