using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace RecoveryCoach.Functions;

/// <summary>
/// host.json in the worker's configuration, under <c>AzureFunctionsJobHost:</c>, as the Functions
/// host sees it. The host reads the file and lets app settings such as
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> override it; the worker process
/// gets only the app settings. Reading the file below them gives the worker the hub name the host
/// really runs, which the referral tables are named after.
/// </summary>
internal static class HostJson
{
    public const string HubName = "AzureFunctionsJobHost:extensions:durableTask:hubName";

    /// <summary>The hub the web app's local worker uses when host.json names none.</summary>
    public const string DefaultHubName = "RecoveryCoach";

    public static IConfigurationBuilder AddHostJson(this IConfigurationBuilder configuration, string path)
    {
        var file = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        var settings = file.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new KeyValuePair<string, string?>($"AzureFunctionsJobHost:{pair.Key}", pair.Value))
            .ToList();
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings });
        return configuration;
    }
}
