using System.Globalization;

namespace RecoveryCoach.Durable.TestHost;

/// <summary>The mode, then <c>--name value</c> pairs.</summary>
internal sealed class HostArguments
{
    private readonly Dictionary<string, string> values;

    private HostArguments(string mode, Dictionary<string, string> values)
    {
        Mode = mode;
        this.values = values;
    }

    public string Mode { get; }

    /// <summary>The storage account: <c>--connection</c>, else <c>AzureWebJobsStorage</c>, else Azurite's default ports.</summary>
    public string ConnectionString => Text("connection") ?? TestServers.StorageConnectionString;

    public string Hub => Text("hub") ?? throw new ArgumentException("--hub is required.");

    public static HostArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                throw new ArgumentException($"Expected '--name value', found '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        return new HostArguments(args.Length > 0 ? args[0] : string.Empty, values);
    }

    public string? Text(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan? Seconds(string name) =>
        Text(name) is { } text ? TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)) : null;
}
