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
        group.MapPost("/discharge", (string id, HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, CancellationToken ct) =>
            HandleAsync<DischargeRequest>(request, body => journeys.DischargeAsync(id, body, user.Member(), ct), ct));
        group.MapPost("/early-closure", (string id, ClaimsPrincipal user, JourneyRequests journeys, CancellationToken ct) =>
            Answer(journeys.CloseEarlyAsync(id, user.Member(), ct)));
        group.MapPost("/extension", (string id, HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, CancellationToken ct) =>
            HandleAsync<ExtensionRequest>(request, body => journeys.RequestExtensionAsync(id, body, user.Member(), ct), ct));
        return routes;
    }

    private static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> HandleAsync<T>(
        HttpRequest request, Func<T, Task<StaffActionResult>> act, CancellationToken cancellationToken)
        where T : class =>
        StaffActionResults.HandleAsync<T, Accepted>(request, MaxBodyBytes, act, _ => TypedResults.Accepted((string?)null), cancellationToken);

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> Answer(Task<StaffActionResult> acting) =>
        StaffActionResults.ToHttp(await acting, _ => TypedResults.Accepted((string?)null));
}
