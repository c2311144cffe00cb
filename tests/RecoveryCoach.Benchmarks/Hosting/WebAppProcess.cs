using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace RecoveryCoach.Benchmarks.Hosting;

/// <summary>
/// One process of the web app exactly as built in Release, with its shipped host.json and
/// appsettings.json, on a port of its own. The benchmark measures processes, not an in-memory
/// test host, so that working sets, polling and the HTTP pipeline are those of the real thing.
/// </summary>
/// <remarks>
/// The child inherits the benchmark's environment, so host.json overrides exported for a
/// variant (<c>AzureFunctionsJobHost__extensions__durableTask__…</c>) reach it unchanged; only
/// the hub, the worker switch, Development (for the seeded staff sign-in) and the
/// <see cref="RaisedLimits"/> are set here.
/// The child is in the benchmark's process group, so bench.sh stops it on failure or Ctrl-C too.
/// </remarks>
public sealed class WebAppProcess : IAsyncDisposable
{
    /// <summary>The adapter's "worker started" line (event 2000), as the console logger prints it: polling has begun.</summary>
    private const string WorkerLine = "OrchestrationServiceWorker[2000]";

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly TaskCompletionSource workerStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebAppProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
    }

    /// <summary>
    /// The service's limits every benchmark web app raises, as environment variables: a workload
    /// submits hundreds of referrals a minute from one address, to one address. A workload's own
    /// variables override these.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RaisedLimits { get; } = new Dictionary<string, string>
    {
        ["RateLimits__ReferralApiPerMinute"] = "1000000",
        ["Notifications__ReferralEmailsPerAddressPerDay"] = "1000000",
    };

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>Starts the app and waits until it answers HTTP (and, with a worker, until the worker has started).</summary>
    /// <param name="appFolder">The web app's Release output, where its host.json and rules are.</param>
    /// <param name="hub">The task hub; a workload uses hubs of its own so nothing it reads was written by another.</param>
    /// <param name="runWorker">Whether this process runs the journeys or is a client only.</param>
    /// <param name="logFile">Where the app's console output goes.</param>
    /// <param name="environment">Variables to set besides the inherited ones, such as another <c>AzureWebJobsStorage</c>.</param>
    public static async Task<WebAppProcess> StartAsync(
        string appFolder, string hub, bool runWorker, string logFile, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "RecoveryCoach.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["AzureFunctionsJobHost__extensions__durableTask__hubName"] = hub;
        start.Environment["Durable__RunWorker"] = runWorker ? "true" : "false";
        start.Environment["Notifications__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in RaisedLimits.Concat(environment ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        var writer = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new WebAppProcess(process, writer, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync(runWorker, logFile, cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>The process's peak resident set (VmHWM) and current resident set (VmRSS), in bytes, from /proc.</summary>
    public (long Peak, long Current) Memory()
    {
        long peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kilobytes(line) * 1024;
            }
        }

        return (peak, current);
    }

    /// <summary>Stops the app as the host would be stopped (SIGTERM, so the worker lets its leases go), and kills it after 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await (kill?.WaitForExitAsync(CancellationToken.None) ?? Task.CompletedTask).ConfigureAwait(false);
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        process.Dispose();
        await log.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(bool runWorker, string logFile, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with status {process.ExitCode}; see {logFile}.");
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The web app did not answer on {BaseAddress} within 2 minutes; see {logFile}.");
            }

            try
            {
                using var answer = await http.GetAsync(new Uri("/account/sign-in", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (answer.IsSuccessStatusCode && (!runWorker || workerStarted.Task.IsCompleted))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }

        if (line.Contains(WorkerLine, StringComparison.Ordinal))
        {
            workerStarted.TrySetResult();
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
