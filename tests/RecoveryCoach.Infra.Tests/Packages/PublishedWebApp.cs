using System.Collections.Concurrent;
using System.Diagnostics;

namespace RecoveryCoach.Infra.Tests.Packages;

/// <summary>
/// The web app started from its publish folder as App Service starts it (<c>dotnet
/// RecoveryCoach.Web.dll</c> in that folder), against the test servers, as the task hub's client
/// only. Disposing it kills it, so no process outlives the run.
/// </summary>
public sealed class PublishedWebApp : IAsyncDisposable
{
    private const int LinesShown = 40;
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private PublishedWebApp(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the app in <paramref name="folder"/> and waits until it listens.</summary>
    public static async Task<PublishedWebApp> StartAsync(string folder)
    {
        var app = Path.Combine(folder, "RecoveryCoach.Web.dll");
        File.Exists(app).Should().BeTrue("the web package should hold the app itself");
        var address = new Uri($"http://127.0.0.1:{TestServers.ClosedPort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["AzureWebJobsStorage"] = TestServers.StorageConnectionString;
        start.Environment["Smtp__Host"] = TestServers.SmtpHost;
        start.Environment["Smtp__Port"] = TestServers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Durable__RunWorker"] = "false";
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__hubName"] = TestServers.NewTaskHub();

        var process = new Process { StartInfo = start };
        var webApp = new PublishedWebApp(process, address);
        process.OutputDataReceived += (_, line) => webApp.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => webApp.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Kestrel listens once the host has started, hosted services and all.
            await Eventually.UntilAsync(
                () => Task.FromResult(process.HasExited || Listening(address)),
                done => done,
                "the published web app should start and listen",
                TimeSpan.FromSeconds(90),
                _ => webApp.Describe(),
                TimeSpan.FromMilliseconds(250));
            return process.HasExited ? throw new InvalidOperationException($"The published web app exited at start-up.\n{webApp.Describe()}") : webApp;
        }
        catch
        {
            await webApp.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines it wrote, for a failure message.</summary>
    public string Describe() =>
        $"--- published web app ({(process.HasExited ? $"exited with {process.ExitCode}" : "running")}), last lines:\n{string.Join('\n', output.TakeLast(LinesShown))}";

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool Listening(Uri address)
    {
        try
        {
            using var probe = new System.Net.Sockets.TcpClient();
            probe.Connect(address.Host, address.Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
