using Hl7.Fhir.Model;

namespace RecoveryCoach.Web.Fhir;

/// <summary>A FHIR resource as the answer, in <c>application/fhir+json</c>, with its status and, for a created resource, its address.</summary>
public sealed class FhirResult(int statusCode, Resource resource, string? location = null) : IResult
{
    public int StatusCode => statusCode;

    public Resource Resource => resource;

    public static FhirResult Problem(int statusCode, OperationOutcome.IssueType code, string message) =>
        new(statusCode, FhirIssue.Outcome(code, message));

    public static FhirResult Problem(int statusCode, IEnumerable<FhirIssue> issues) =>
        new(statusCode, FhirIssue.Outcome(issues));

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        httpContext.Response.Headers.CacheControl = "no-store";
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        await httpContext.Response.WriteAsync(FhirJson.Serialize(resource), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
