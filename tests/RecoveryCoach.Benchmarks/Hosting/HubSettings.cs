using System.Text.Json.Nodes;

namespace RecoveryCoach.Benchmarks.Hosting;

/// <summary>
/// The task hub settings the web apps will run with: the shipped host.json, overridden by any
/// <c>AzureFunctionsJobHost__extensions__durableTask__…</c> variable in the environment, as the
/// app (and the Functions host) reads them. Printed with every run, so each table says what it measured.
/// </summary>
public static class HubSettings
{
    private const string Prefix = "AzureFunctionsJobHost__extensions__durableTask__";

    /// <summary>The settings that decide the figures, and how each was set.</summary>
    public static IReadOnlyList<string> Describe(string appFolder)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(appFolder, "host.json")))?["extensions"]?["durableTask"];
        string Setting(string path, string fallback)
        {
            var variable = Environment.GetEnvironmentVariable(Prefix + path.Replace(":", "__", StringComparison.Ordinal));
            if (variable is not null)
            {
                return $"{path} = {variable} (environment)";
            }

            var node = path.Split(':').Aggregate(hostJson, (n, key) => n?[key]);
            return node is null ? $"{path} = {fallback} (default)" : $"{path} = {node} (host.json)";
        }

        return
        [
            Setting("storageProvider:partitionCount", "4"),
            Setting("storageProvider:maxQueuePollingInterval", "00:00:30"),
            Setting("storageProvider:useTablePartitionManagement", "true"),
            Setting("extendedSessionsEnabled", "false"),
            Setting("extendedSessionIdleTimeoutInSeconds", "30"),
            Setting("maxConcurrentOrchestratorFunctions", "10 × processors"),
            Setting("maxConcurrentActivityFunctions", "10 × processors"),
        ];
    }
}
