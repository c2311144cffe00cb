using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RecoveryCoach.Referrals.Health;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// The probes a platform's monitoring calls, anonymously: <c>/healthz</c> answers while the
/// process runs and checks nothing; <c>/healthz/ready</c> runs the readiness checks (storage,
/// SMTP, rules) and answers 503 when one fails, with each check's status and nothing more.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/healthz";

    public const string Ready = "/healthz/ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(Ready, new HealthCheckOptions
        {
            Predicate = ReferralHealthChecks.IsReadiness,
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = HealthAnswer.ContentType;
                return HealthAnswer.WriteAsync(context.Response.Body, report, context.RequestAborted);
            },
        }).AllowAnonymous();
        return endpoints;
    }
}
