using System.Globalization;
using System.Text;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// One request of the corpus exactly as it goes on the wire: its headers (Content-Type and the
/// framing) and its body as bytes, which need not be valid UTF-8 or match what the headers say.
/// </summary>
public sealed record FuzzCase(string Name, IReadOnlyList<string> Headers, byte[] Body)
{
    public const string Json = "application/json";

    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>A body with its Content-Type and a Content-Length that matches it.</summary>
    public static FuzzCase Of(string name, string contentType, byte[] body) =>
        new(name, [$"Content-Type: {contentType}", ContentLength(body.Length)], body);

    public static FuzzCase Of(string name, string contentType, string body) => Of(name, contentType, Encoding.UTF8.GetBytes(body));

    public static string ContentLength(int length) => string.Create(CultureInfo.InvariantCulture, $"Content-Length: {length}");
}
