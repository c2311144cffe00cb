using Microsoft.AspNetCore.Diagnostics;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Answers 400 with problem details when a request cannot be read: chunk framing that is not
/// hex, lacks its CRLF or overflows, a body cut short, or a parameter that cannot be bound.
/// That is the client's fault, not the service's, and nothing was read, so nothing was saved.
/// The answer is the same text whatever was sent, so it never repeats the caller's.
/// </summary>
internal sealed class BadRequestBodyHandler(IProblemDetailsService problems, ILogger<BadRequestBodyHandler> logger) : IExceptionHandler
{
    /// <summary>The assembly whose body parser throws a plain IOException for a chunk size that overflows.</summary>
    private const string Kestrel = "Microsoft.AspNetCore.Server.Kestrel.Core";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            IOException when exception.Source == Kestrel => StatusCodes.Status400BadRequest,
            _ => (int?)null,
        };
        if (status is not { } code || httpContext.Response.HasStarted)
        {
            return false;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.RequestBodyUnreadable(exception.GetType().Name, code);
        }

        httpContext.Response.StatusCode = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = code,
                Title = "The request could not be read",
                Detail = "Its body's framing or a parameter is malformed, for example a chunk size that is not a hexadecimal number. Nothing was saved.",
            },
        }).ConfigureAwait(false);
    }
}
