using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// FHIR's JSON format (<c>application/fhir+json</c>), strictly: an unknown element, a wrong
/// type, a date that is not one or a missing required element is an issue at its path, never
/// dropped. XML is not served.
/// </summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>A referral is a few kilobytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly FhirJsonDeserializer Deserializer = new();

    /// <summary>Whether the request's body is declared as FHIR JSON, or plain JSON.</summary>
    public static bool IsJson(string? contentType) =>
        contentType?.Split(';')[0].Trim() is { } type
        && (type.Equals(MediaType, StringComparison.OrdinalIgnoreCase) || type.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the caller asked for XML, by <c>_format</c> or by accepting only XML.</summary>
    public static bool WantsXml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return format.Contains("xml", StringComparison.OrdinalIgnoreCase);
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal);
    }

    /// <summary>Reads the body as one resource, or the issues that stop it being read.</summary>
    public static async Task<(Resource? Resource, IReadOnlyList<FhirIssue> Issues)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await JsonRequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, [new FhirIssue("Resource", $"A referral must be {MaxBodyBytes / 1024} KB or less", OperationOutcome.IssueType.TooLong)]);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return (null, [new FhirIssue("Resource", "The body must be UTF-8 JSON", OperationOutcome.IssueType.Structure)]);
        }

        return Parse(text);
    }

    public static (Resource? Resource, IReadOnlyList<FhirIssue> Issues) Parse(string text)
    {
        try
        {
            return (Deserializer.DeserializeResource(text), []);
        }
        catch (DeserializationFailedException failed)
        {
            var type = failed.PartialResult?.TypeName ?? "Resource";
            return (null, [.. failed.Exceptions.Select(e => new FhirIssue(PathOf(e, type), Describe(e, type), OperationOutcome.IssueType.Structure))]);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return (null, [new FhirIssue("Resource", "The body is not a FHIR resource in JSON: " + e.Message, OperationOutcome.IssueType.Structure)]);
        }
    }

    public static string Serialize(Resource resource) => resource.ToJson(pretty: false);

    private static string PathOf(Exception error, string type)
    {
        var path = (error as CodedValidationException)?.InstancePath;
        if (string.IsNullOrEmpty(path))
        {
            return type;
        }

        return path.StartsWith("$this", StringComparison.Ordinal) ? type + path[5..] : path;
    }

    /// <summary>The parser's message without its position, which names a line of what was sent, and with the resource named.</summary>
    private static string Describe(Exception error, string type)
    {
        var message = error.Message.Replace("'$this", "'" + type, StringComparison.Ordinal);
        var at = message.IndexOf(" At ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
