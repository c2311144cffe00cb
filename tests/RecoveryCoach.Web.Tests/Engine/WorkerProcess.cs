using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// The built web app, started as a process of its own that runs the DTFx worker on one task hub
/// against the test servers, as a second host or a restarted one would. Its output is kept for
/// failure messages; disposing it kills it, so no process outlives its test.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int LinesShown = 60;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly StreamWriter log;
    private bool closed;

    private WorkerProcess(string name, Process process, string logPath)
    {
        Name = name;
        this.process = process;
        LogPath = logPath;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        log = new StreamWriter(logPath) { AutoFlush = true };
    }

    /// <summary>Where all its output is written, the engine's own log lines included.</summary>
    public string LogPath { get; }

    /// <summary>What the test calls the process, in failure messages.</summary>
    public string Name { get; }

    /// <summary>How the process names itself in the hub's partition table: the app's default worker id.</summary>
    public string WorkerId => $"{Environment.MachineName}-{process.Id}";

    public bool HasExited => process.HasExited;

    /// <summary>The exit code; 137 (128 + 9) for a process ended by SIGKILL.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Every line the process wrote, stdout and stderr, in the order they arrived.</summary>
    public IReadOnlyList<string> Lines => [.. output];

    /// <summary>Starts the app's DTFx worker on <paramref name="taskHub"/>, polling at most a second apart.</summary>
    /// <param name="durableTask">Settings of host.json's <c>extensions.durableTask</c> to override, such as <c>storageProvider:controlQueueVisibilityTimeout</c>.</param>
    /// <param name="servers">The storage account and SMTP port, the test servers' unless given.</param>
    /// <param name="settings">Other settings by configuration key, such as limits.</param>
    public static WorkerProcess Start(string name, string taskHub, IReadOnlyDictionary<string, string>? durableTask = null, (string Storage, int SmtpPort)? servers = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = AppPath();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = servers?.Storage ?? TestServers.StorageConnectionString,
            ["Smtp__Host"] = TestServers.SmtpHost,
            ["Smtp__Port"] = (servers?.SmtpPort ?? TestServers.SmtpPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__TimeoutSeconds"] = "5",
            ["Rules__Path"] = Path.Combine(start.WorkingDirectory, "rules"),
            ["Durable__RunWorker"] = "true",
            // The journeys of a test acknowledge one address many times in one day.
            ["Notifications__ReferralEmailsPerAddressPerDay"] = "100000",
            [EnvironmentName(HostJsonConfiguration.HubName)] = taskHub,
            [EnvironmentName(HostJsonConfiguration.DurableTask + ":storageProvider:maxQueuePollingInterval")] = "00:00:01",
            ["Logging__LogLevel__DurableTask.AzureStorage"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in durableTask ?? new Dictionary<string, string>())
        {
            environment[EnvironmentName(HostJsonConfiguration.DurableTask + ":" + key)] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[EnvironmentName(key)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(name, process, Path.Combine(AppContext.BaseDirectory, "worker-logs", $"{taskHub}-{name}.log"));
        process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the process logs that its DTFx worker has started (the adapter's event 2000).</summary>
    public async Task StartedAsync(TimeSpan timeout)
    {
        await Eventually.UntilAsync(
            () => Task.FromResult(HasExited || output.Any(l => l.Contains("OrchestrationServiceWorker[2000]", StringComparison.Ordinal))),
            done => done,
            $"worker process {Name} should start its DTFx worker",
            timeout,
            _ => Describe());
        if (HasExited)
        {
            throw new InvalidOperationException($"Worker process {Name} ended before its worker started.\n{Describe()}");
        }
    }

    /// <summary>
    /// Ends the process at once with SIGKILL (what <see cref="Process.Kill(bool)"/> sends on
    /// Linux): no graceful stop, no leases released, whatever it was doing cut off.
    /// </summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>The last lines of its output but the engine's routine ones (those stay in the log file), to put in a failure message.</summary>
    public string Describe()
    {
        var lines = Lines.Where(l => !l.Contains(" info: DurableTask.", StringComparison.Ordinal)).ToList();
        var state = process.HasExited ? $"exited with {process.ExitCode}" : "running";
        return $"--- worker process {Name} (pid {process.Id}, {state}), last {Math.Min(LinesShown, lines.Count)} of {lines.Count} lines (all in {LogPath}):\n"
            + string.Join('\n', lines.TakeLast(LinesShown));
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.WaitForExit();
        process.Dispose();
        lock (log)
        {
            closed = true;
            log.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (!closed)
            {
                log.WriteLine(line);
            }
        }

        output.Enqueue(line);
    }

    /// <summary>The web app this test assembly was built with, in the same configuration.</summary>
    private static string AppPath()
    {
        var configuration = typeof(WorkerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RecoveryCoach.sln")))
        {
            root = root.Parent;
        }

        var app = Path.Combine(root?.FullName ?? throw new InvalidOperationException("No RecoveryCoach.sln above " + AppContext.BaseDirectory), "src", "RecoveryCoach.Web", "bin", configuration, "net10.0", "RecoveryCoach.Web.dll");
        return File.Exists(app) ? app : throw new FileNotFoundException($"Build the web app ({configuration}) first.", app);
    }

    /// <summary>The dotnet host running these tests, as the SDK tells child processes.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
