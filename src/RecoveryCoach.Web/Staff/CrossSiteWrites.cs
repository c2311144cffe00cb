using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// A write to the API that rides on a member of staff's sign-in cookie must come from this
/// service's own pages: its <c>Origin</c> (or, without one, its <c>Referer</c>) is this site, or it
/// carries a staff page's antiforgery token in the <c>RequestVerificationToken</c> header.
/// Otherwise it is refused with 403 before anything happens, so another site cannot make a signed-in
/// browser claim a task or close a referral. Anonymous endpoints, such as the referral submission,
/// stay open to any origin; they act for nobody.
/// </summary>
internal static class CrossSiteWrites
{
    public static IApplicationBuilder UseCrossSiteWriteCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsCookieWrite(context) && !FromThisSite(context.Request) && !await HasAntiforgeryTokenAsync(context).ConfigureAwait(false))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused",
                detail: "A signed-in write must come from the service's own pages: send the page's Origin or its antiforgery token.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    private static bool IsCookieWrite(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
        && context.Request.IsApi()
        && context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
        && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null;

    private static bool FromThisSite(HttpRequest request)
    {
        var self = $"{request.Scheme}://{request.Host.Value}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, self, StringComparison.OrdinalIgnoreCase);
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals(referer.GetLeftPart(UriPartial.Authority), self, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<bool> HasAntiforgeryTokenAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey("RequestVerificationToken"))
        {
            return false;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
    }
}
