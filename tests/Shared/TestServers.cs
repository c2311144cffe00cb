namespace RecoveryCoach.Tests;

/// <summary>
/// Where the real servers the tests talk to are listening. <c>./test.sh</c> starts Azurite and
/// maildev and sets these variables; without it the tests expect the default local ports that
/// <c>./run.sh</c> uses.
/// </summary>
internal static class TestServers
{
    /// <summary>The Azure Storage connection string (Azurite).</summary>
    public static string StorageConnectionString => Read("AzureWebJobsStorage", "UseDevelopmentStorage=true");

    /// <summary>maildev's SMTP host.</summary>
    public static string SmtpHost => Read("Smtp__Host", "127.0.0.1");

    /// <summary>maildev's SMTP port.</summary>
    public static int SmtpPort => int.Parse(Read("Smtp__Port", "1025"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>maildev's REST API, where <c>GET /api/email</c> lists every message received.</summary>
    public static Uri MailApi => new(Read("MAILDEV_API_URL", "http://127.0.0.1:1080"));

    /// <summary>A task hub name no other test uses, so each test gets tables of its own.</summary>
    public static string NewTaskHub() => "T" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A port on which nothing listens: a server that is down.</summary>
    public static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Read(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
