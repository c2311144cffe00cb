using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Limits how often one address may send the public referral form, so the form cannot be used
/// to flood the team's inboxes. Reading the form is never limited.
/// </summary>
internal static class ReferralFormRateLimit
{
    public const string Policy = "referral-form";

    public static IServiceCollection AddReferralFormRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:ReferralFormPerMinute", 10);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }
}
