using System.Diagnostics;
using System.Globalization;

namespace RecoveryCoach.Web.Tests.Engine.Chaos;

/// <summary>
/// An Azurite of the chaos run's own, on ports and a data folder of its own, reached through a
/// TCP forwarder per service, so the run can take storage away and bring it back without touching
/// the servers every other test shares. Taking it away closes every connection and refuses new
/// ones, as a restarting storage service does. The Azurite process itself is not restarted: a
/// stopped Azurite comes back without the task hub's latest history rows, which a storage account
/// never loses, and the run would then count Azurite's loss as the service's.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string folder = Directory.CreateTempSubdirectory("chaos-azurite-").FullName;
    private readonly int[] ports = [TestServers.ClosedPort(), TestServers.ClosedPort(), TestServers.ClosedPort()];
    private readonly int[] fronts = [TestServers.ClosedPort(), TestServers.ClosedPort(), TestServers.ClosedPort()];
    private readonly List<TcpForwarder> forwarders = [];
    private Process? process;

    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{fronts[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{fronts[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{fronts[2]}/devstoreaccount1;");

    /// <summary>Storage is reachable again.</summary>
    public void Restore()
    {
        for (var i = 0; i < ports.Length; i++)
        {
            var forwarder = new TcpForwarder(fronts[i], "127.0.0.1", ports[i]);
            forwarder.Start();
            forwarders.Add(forwarder);
        }
    }

    /// <summary>Storage is unreachable: every open connection closed, every new one refused.</summary>
    public async Task CutOffAsync()
    {
        foreach (var forwarder in forwarders)
        {
            await forwarder.DisposeAsync();
        }

        forwarders.Clear();
    }

    /// <summary>Starts Azurite, waits until its three ports answer, and makes it reachable.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "node_modules", ".bin", "azurite"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", folder,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(0), "--queuePort", Port(1), "--tablePort", Port(2),
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.UntilAsync(() => Task.FromResult(process.HasExited || ports.All(Answers)), up => up, "the chaos run's Azurite should open its ports", TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Azurite exited with {process.ExitCode} before its ports opened.");
        }

        Restore();
    }

    public async ValueTask DisposeAsync()
    {
        await CutOffAsync();
        await StopAsync();
        process?.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private string Port(int i) => ports[i].ToString(CultureInfo.InvariantCulture);

    private static bool Answers(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
