using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>
/// An HTTP endpoint on a free local port that answers every POST as a collector would, and
/// keeps the path of each, so a test sees which exporter sent what, and where.
/// </summary>
public sealed class CollectorStub : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<string> paths = new();

    public CollectorStub()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = AnswerAsync();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The path of every request received so far, in order.</summary>
    public IReadOnlyList<string> Paths => [.. paths];

    public void Dispose() => listener.Close();

    private async Task AnswerAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            paths.Enqueue(context.Request.Url!.AbsolutePath);
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            // Application Insights' answer to a batch; an OTLP exporter reads only the status.
            var body = Encoding.UTF8.GetBytes("""{"itemsReceived":1,"itemsAccepted":1,"errors":[]}""");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
