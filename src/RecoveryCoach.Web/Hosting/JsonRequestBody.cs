using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCoach.Referrals;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Reads a JSON request body within a size limit. Each way a body can be wrong gets its own
/// problem details: not JSON (415), too large (413), malformed (400), or a field of the wrong
/// type or unknown to the API (400 naming the field), so a client is never left guessing.
/// </summary>
internal static class JsonRequestBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the body as JSON", detail: "The Content-Type must be application/json."));
        }

        var body = await ReadLimitedAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large", detail: $"The body must be {maxBytes / 1024} KB or smaller."));
        }

        try
        {
            using var syntax = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON", detail: $"Line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: the JSON is malformed."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, StrictJson.Options);
            return value is null
                ? (null, FieldProblem("body", "Send a JSON object"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonFieldError.From(ex, typeof(T), "request");
            return (null, FieldProblem(field, message));
        }
    }

    /// <summary>The body's bytes, or null when it is larger than <paramref name="maxBytes"/>, by its Content-Length or as it arrives.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult FieldProblem(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has errors",
        });
}
