using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using RecoveryCoach.Web.Hosting;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Web.Referrals;

/// <summary>
/// What staff can tell a referral's journey at any point: a discharge from the trust, an early
/// closure, a request for more weeks. Each answers 202: the journey acts on it in a moment, and
/// the referral's timeline shows when it has.
/// </summary>
public static class JourneyEndpoints
{
    private const int MaxBodyBytes = 8 * 1024;

    public static IEndpointRouteBuilder MapJourney(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/referrals/{id}").RequireAuthorization(StaffSignInExtensions.StaffPolicy);
        group.MapPost("/discharge", (string id, HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, AccessRecorder access, CancellationToken ct) =>
            HandleAsync<DischargeRequest>(request, body => access.ChangedAsync(request.HttpContext, journeys.DischargeAsync(id, body, user.Member(), ct), _ => id, $"discharge from the trust recorded: {body.DischargedOn}", ct), ct));
        group.MapPost("/early-closure", (string id, HttpContext context, ClaimsPrincipal user, JourneyRequests journeys, AccessRecorder access, CancellationToken ct) =>
            Answer(access.ChangedAsync(context, journeys.CloseEarlyAsync(id, user.Member(), ct), _ => id, "early closure asked for", ct)));
        group.MapPost("/extension", (string id, HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, AccessRecorder access, CancellationToken ct) =>
            HandleAsync<ExtensionRequest>(request, body => access.ChangedAsync(request.HttpContext, journeys.RequestExtensionAsync(id, body, user.Member(), ct), _ => id, $"more weeks asked for: {body.Weeks}", ct), ct));
        return routes;
    }

    private static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> HandleAsync<T>(
        HttpRequest request, Func<T, Task<StaffActionResult>> act, CancellationToken cancellationToken)
        where T : class =>
        StaffActionResults.HandleAsync<T, Accepted>(request, MaxBodyBytes, act, _ => TypedResults.Accepted((string?)null), cancellationToken);

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> Answer(Task<StaffActionResult> acting) =>
        StaffActionResults.ToHttp(await acting, _ => TypedResults.Accepted((string?)null));
}
