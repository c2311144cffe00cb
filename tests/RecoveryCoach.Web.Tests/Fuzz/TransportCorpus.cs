using System.Text;
using RecoveryCoach.Web.Tests.Hosting;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// A valid body sent wrongly: broken chunk framing, a Content-Length that lies, no body, and
/// Content-Types the endpoint does not read (text, multipart, UTF-16, a form for JSON and JSON for a form).
/// </summary>
public static class TransportCorpus
{
    public static IReadOnlyList<FuzzCase> For(string body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var type = $"Content-Type: {contentType}";
        string[] framings = ["a chunk size that is not hex", "a chunk without its closing CRLF", "a chunk size that overflows"];
        var cases = framings
            .Select(broken => new FuzzCase($"chunked: {broken}", [type, "Transfer-Encoding: chunked"], Encoding.UTF8.GetBytes(BadChunkingTests.Framed(broken, body))))
            .ToList();
        const string boundary = "fuzzboundary";
        var multipart = $"--{boundary}\r\nContent-Disposition: form-data; name=\"body\"\r\nContent-Type: {contentType}\r\n\r\n{body}\r\n--{boundary}--\r\n";
        cases.AddRange(
        [
            new FuzzCase("chunked with a Content-Length too", [type, "Transfer-Encoding: chunked", FuzzCase.ContentLength(bytes.Length)], Encoding.UTF8.GetBytes(BadChunkingTests.Framed("a chunk without its closing CRLF", body))),
            new FuzzCase("chunked with no last chunk", [type, "Transfer-Encoding: chunked"], Encoding.UTF8.GetBytes($"{bytes.Length:x}\r\n{body}\r\n")),
            new FuzzCase("a Content-Length longer than the body", [type, FuzzCase.ContentLength(bytes.Length + 10)], bytes),
            new FuzzCase("a Content-Length shorter than the body", [type, FuzzCase.ContentLength(bytes.Length / 2)], bytes),
            new FuzzCase("a Content-Length that is not a number", [type, "Content-Length: lots"], bytes),
            new FuzzCase("two Content-Lengths that disagree", [type, FuzzCase.ContentLength(bytes.Length), FuzzCase.ContentLength(bytes.Length + 1)], bytes),
            new FuzzCase("no body", [type, FuzzCase.ContentLength(0)], []),
            new FuzzCase("no Content-Type", [FuzzCase.ContentLength(bytes.Length)], bytes),
            new FuzzCase("a gzip Content-Encoding on a plain body", [type, "Content-Encoding: gzip", FuzzCase.ContentLength(bytes.Length)], bytes),
            FuzzCase.Of("Content-Type text/plain", "text/plain", bytes),
            FuzzCase.Of("Content-Type multipart/form-data", $"multipart/form-data; boundary={boundary}", multipart),
            FuzzCase.Of("Content-Type with charset=utf-16 and a UTF-8 body", $"{contentType}; charset=utf-16", bytes),
            FuzzCase.Of("Content-Type with charset=utf-16 and a UTF-16 body", $"{contentType}; charset=utf-16", Encoding.Unicode.GetBytes(body)),
            FuzzCase.Of("Content-Type with an unknown charset", $"{contentType}; charset=no-such-charset", bytes),
            FuzzCase.Of("Content-Type that is not a media type", "json", bytes),
            FuzzCase.Of("Content-Type of the other kind", contentType == FuzzCase.Json ? FuzzCase.Form : FuzzCase.Json, bytes),
        ]);
        return cases;
    }
}
