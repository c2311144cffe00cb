using RecoveryCoach.Referrals.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Answers 503 with problem details when Azure Storage cannot be reached, so a referrer knows
/// nothing was saved and can try again, instead of a bare 500.
/// </summary>
internal sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageOutage.IsOutage(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Referral storage is unavailable",
                Detail = "Nothing was saved. Please try again in a minute; if it keeps failing, call the Recovery Coach Team.",
            },
        }).ConfigureAwait(false);
    }
}
