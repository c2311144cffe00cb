using System.Text.Json;

namespace RecoveryCoach.Cli;

/// <summary>
/// Where the service keeps its referrals, found as the service finds it: the
/// <c>AzureWebJobsStorage</c> connection string, and the task hub from <c>host.json</c> unless
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides it. Options on the
/// command line win over both.
/// </summary>
internal sealed record StorageSettings(string ConnectionString, string HubName)
{
    public const string ConnectionOption = "--connection";
    public const string HubOption = "--hub";

    private const string DefaultConnection = "UseDevelopmentStorage=true";
    private const string DefaultHub = "RecoveryCoach";

    public static StorageSettings From(CommandLine line) => new(
        line.Option(ConnectionOption) ?? Variable("AzureWebJobsStorage") ?? DefaultConnection,
        line.Option(HubOption) ?? Variable("AzureFunctionsJobHost__extensions__durableTask__hubName") ?? HubFromHostJson() ?? DefaultHub);

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string? HubFromHostJson()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var host = JsonDocument.Parse(File.ReadAllText(path));
        return host.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("durableTask", out var durable)
            && durable.TryGetProperty("hubName", out var name)
            ? name.GetString()
            : null;
    }
}
