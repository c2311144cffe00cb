using System.Net;
using System.Net.Sockets;

namespace RecoveryCoach.Tests;

/// <summary>
/// Forwards connections on a port to a real server (maildev, Azurite), so a test can have that
/// server "down" (nothing listening on the port) and then "back" (forwarding starts) without
/// stopping the shared one. Bytes pass through untouched; it is plumbing, not a fake server.
/// </summary>
internal sealed class TcpForwarder(int listenPort, string targetHost, int targetPort) : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, listenPort);
    private readonly CancellationTokenSource stopping = new();
    private Task? accepting;

    public void Start()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        if (accepting is not null)
        {
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(targetHost, targetPort, stopping.Token);
            var a = client.GetStream();
            var b = server.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stopping.Token), b.CopyToAsync(a, stopping.Token));
        }
    }
}
