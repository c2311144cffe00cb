namespace RecoveryCoach.Web.Hosting;

/// <summary>Which requests are for the JSON APIs (the service's and the engine's management API), not the pages.</summary>
internal static class ApiRequests
{
    public static bool IsApi(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/runtime");
}
