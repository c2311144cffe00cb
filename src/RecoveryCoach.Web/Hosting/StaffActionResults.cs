using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCoach.Referrals;

namespace RecoveryCoach.Web.Hosting;

/// <summary>Answers a staff action in HTTP: 404, 400 naming each field, 409 saying why, or success.</summary>
internal static class StaffActionResults
{
    /// <summary>Reads the request's JSON body, lets <paramref name="act"/> act on it, and answers.</summary>
    public static async Task<Results<TSuccess, ValidationProblem, ProblemHttpResult>> HandleAsync<TBody, TSuccess>(
        HttpRequest request, int maxBytes, Func<TBody, Task<StaffActionResult>> act, Func<object?, TSuccess> success, CancellationToken cancellationToken)
        where TBody : class
        where TSuccess : IResult
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<TBody>(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : ToHttp(await act(body!).ConfigureAwait(false), success);
    }

    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> ToHttp<TSuccess>(StaffActionResult result, Func<object?, TSuccess> success)
        where TSuccess : IResult => result switch
    {
        StaffActionResult.Accepted accepted => success(accepted.Value),
        StaffActionResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "The request has errors"),
        StaffActionResult.NotFound notFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: notFound.Detail),
        StaffActionResult.Forbidden forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to do", detail: forbidden.Detail),
        StaffActionResult.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This cannot be done now", detail: conflict.Detail),
        _ => throw new InvalidOperationException($"Unknown result {result.GetType().Name}."),
    };
}
