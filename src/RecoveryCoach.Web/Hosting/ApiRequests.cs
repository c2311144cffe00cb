namespace RecoveryCoach.Web.Hosting;

/// <summary>Which requests are for the JSON APIs (the service's and the engine's management API) or the FHIR API, not the pages.</summary>
internal static class ApiRequests
{
    public static bool IsApi(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/runtime");

    /// <summary>The FHIR API, which answers every error as an <c>OperationOutcome</c> of its own.</summary>
    public static bool IsFhir(this HttpRequest request) => request.Path.StartsWithSegments("/fhir");
}
