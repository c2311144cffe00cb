namespace RecoveryCoach.Functions.Tests.Infrastructure;

/// <summary>
/// The real servers the tests talk to. <c>./test.sh</c> starts them and sets these variables;
/// without it the tests expect the default local ports that <c>./run.sh</c> uses.
/// </summary>
public static class TestServers
{
    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? "UseDevelopmentStorage=true";

    public static string SmtpHost => Environment.GetEnvironmentVariable("Smtp__Host") ?? "127.0.0.1";

    public static int SmtpPort => int.TryParse(Environment.GetEnvironmentVariable("Smtp__Port"), out var port) ? port : 1025;

    public static Uri MailDevApi => new(Environment.GetEnvironmentVariable("MAILDEV_API_URL") ?? "http://127.0.0.1:1080");

    /// <summary>A port on which nothing listens: an SMTP server that is down.</summary>
    public static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
