using Microsoft.Extensions.Configuration.Memory;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Reads <c>host.json</c> the way the Azure Functions host does: its settings appear under
/// <c>AzureFunctionsJobHost:</c>, below every other source, so an app setting such as
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides the file.
/// </summary>
public static class HostJsonConfiguration
{
    public const string Prefix = "AzureFunctionsJobHost";

    /// <summary>The durable engine's settings, in Durable Functions' names.</summary>
    public const string DurableTask = Prefix + ":extensions:durableTask";

    /// <summary>The setting that names the task hub, and so prefixes every table, queue and container.</summary>
    public const string HubName = DurableTask + ":hubName";

    public static IConfigurationBuilder AddHostJson(this IConfigurationBuilder configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        var settings = file.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new KeyValuePair<string, string?>($"{Prefix}:{pair.Key}", pair.Value))
            .ToList();
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings });
        return configuration;
    }
}
