using System.Text.Json;
using Microsoft.Extensions.Configuration;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Cli;

/// <summary>
/// Where the service keeps its referrals, found as the service finds it: the
/// <c>AzureWebJobsStorage</c> settings in any form the service takes (a connection string, or an
/// identity-based connection such as <c>AzureWebJobsStorage__accountName</c>, which signs in with
/// DefaultAzureCredential, so as the policy owner signed in to the Azure CLI), and the task hub
/// from <c>host.json</c> unless <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>
/// overrides it. Options on the command line win over both; with neither, Azurite on this computer.
/// </summary>
internal sealed record StorageSettings(StorageConnection Connection, string HubName)
{
    public const string ConnectionOption = "--connection";
    public const string HubOption = "--hub";

    private const string DefaultHub = "RecoveryCoach";

    /// <exception cref="InvalidOperationException">The storage settings are malformed; the message names the setting.</exception>
    public static StorageSettings From(CommandLine line) => new(
        ConnectionFrom(line),
        line.Option(HubOption) ?? Variable("AzureFunctionsJobHost__extensions__durableTask__hubName") ?? HubFromHostJson() ?? DefaultHub);

    /// <summary>The settings, or null once the malformed one is named on <paramref name="errors"/>.</summary>
    public static StorageSettings? Read(CommandLine line, Output.Printer errors)
    {
        try
        {
            return From(line);
        }
        catch (InvalidOperationException ex)
        {
            errors.Line($"{errors.Red("error:")} {ex.Message}");
            return null;
        }
    }

    private static StorageConnection ConnectionFrom(CommandLine line)
    {
        if (line.Option(ConnectionOption) is { } connectionString)
        {
            return StorageConnection.FromConnectionString(connectionString, ConnectionOption);
        }

        var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(StorageConnection.Section);
        return settings.Exists()
            ? StorageConnection.FromConfiguration(settings)
            : StorageConnection.FromConnectionString(StorageConnection.DevelopmentStorage);
    }

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
