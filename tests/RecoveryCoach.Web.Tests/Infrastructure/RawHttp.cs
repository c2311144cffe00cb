using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>An answer read off the socket: the status, the headers (names in lower case) and the body, de-chunked.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Sends bytes over TCP to a real Kestrel exactly as written, so a test can send what no HTTP
/// client would: broken chunking, bad framing, odd headers. TestServer does not parse the
/// wire, so these tests need <see cref="BrowserServiceFactory"/>'s Kestrel.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A request line, the headers (Host and <c>Connection: close</c> added), a blank line and
    /// <paramref name="body"/> as it is, chunk framing and all.
    /// </summary>
    public static Task<RawHttpResponse> SendAsync(Uri server, string method, string path, IEnumerable<string> headers, string body) =>
        SendAsync(server, method, path, headers, Encoding.UTF8.GetBytes(body));

    /// <summary>As the other overload, with a body of bytes that need not be valid UTF-8.</summary>
    public static async Task<RawHttpResponse> SendAsync(Uri server, string method, string path, IEnumerable<string> headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {server.Authority}\r\n")
            .Append("Connection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        var request = Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()).Concat(body).ToArray();
        using var timeout = new CancellationTokenSource(Patience);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        await stream.FlushAsync(timeout.Token);

        // Kestrel takes a half-closed connection for one the client has left, so the sending
        // side stays open; Connection: close has the server end it once it has answered.

        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, timeout.Token);
        }
        catch (IOException) when (answer.Length > 0)
        {
            // The server may reset the connection once it has answered a request it refused.
        }

        return Parse(answer.ToArray());
    }

    /// <summary>
    /// A JSON POST whose body is sent as the given chunk framing, for example
    /// <c>"zz\r\n{}\r\n0\r\n\r\n"</c>; with a sign-in cookie it comes from the service's own origin, as its pages' requests do.
    /// </summary>
    public static Task<RawHttpResponse> PostChunkedAsync(Uri server, string path, string framedBody, string? cookie = null) =>
        SendAsync(
            server,
            "POST",
            path,
            cookie is null
                ? ["Content-Type: application/json", "Transfer-Encoding: chunked"]
                : ["Content-Type: application/json", "Transfer-Encoding: chunked", $"Cookie: {cookie}", $"Origin: {server.GetLeftPart(UriPartial.Authority)}"],
            framedBody);

    private static RawHttpResponse Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException($"The server sent no complete answer: '{Encoding.UTF8.GetString(raw)}'.");
        }

        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .GroupBy(parts => parts[0].Trim().ToLowerInvariant(), parts => parts.Length > 1 ? parts[1].Trim() : string.Empty)
            .ToDictionary(g => g.Key, g => string.Join(", ", g));
        var body = raw.AsSpan(end + 4);
        var chunked = headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        return new RawHttpResponse(status, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        using var result = new MemoryStream();
        while (body.Length > 0)
        {
            var line = body.IndexOf("\r\n"u8);
            var sizeText = line < 0 ? string.Empty : Encoding.ASCII.GetString(body[..line]).Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            body = body[(line + 2)..];
            result.Write(body[..Math.Min(size, body.Length)]);
            body = body[Math.Min(size + 2, body.Length)..];
        }

        return result.ToArray();
    }
}
