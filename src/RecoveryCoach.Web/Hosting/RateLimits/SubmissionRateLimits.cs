using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RecoveryCoach.Web.SystemClients;

namespace RecoveryCoach.Web.Hosting.RateLimits;

/// <summary>
/// Every limit on how often referrals may be sent, in one place: the API per client address,
/// the public form per client address, and each trusted system client by its client id. Each is
/// a sliding window of a minute, so no boundary between minutes lets twice the limit through.
/// A refused caller gets 429 with <c>Retry-After</c>: problem details from the API, a page
/// from the form. Reading the form or a referral is never limited.
/// </summary>
internal static class SubmissionRateLimits
{
    /// <summary>The policy of <c>POST /api/referrals</c>.</summary>
    public const string ApiPolicy = "referral-api";

    /// <summary>The policy of the public referral form.</summary>
    public const string FormPolicy = "referral-form";

    public const string FhirPolicy = "fhir";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSubmissionRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(ApiPolicy, context =>
            {
                var (limits, time) = Settings(context);
                return SystemClientAuthentication.ClientIdOf(context.User) is { } clientId
                    ? SlidingWindow("system:" + clientId, limits.SystemClientPerMinute, time)
                    : SlidingWindow("api:" + ClientAddress.PartitionOf(context), limits.ReferralApiPerMinute, time);
            });
            options.AddPolicy(FhirPolicy, context =>
            {
                var (limits, time) = Settings(context);
                return SlidingWindow("fhir:" + (Fhir.FhirClients.ClientIdOf(context.User) ?? ClientAddress.PartitionOf(context)), limits.FhirPerMinute, time);
            });
            options.AddPolicy(FormPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var (limits, time) = Settings(context);
                return SlidingWindow("form:" + ClientAddress.PartitionOf(context), limits.ReferralFormPerMinute, time);
            });
        });
    }

    private static (RateLimitOptions Limits, TimeProvider Time) Settings(HttpContext context) =>
        (context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value, context.RequestServices.GetRequiredService<TimeProvider>());

    private static RateLimitPartition<string> SlidingWindow(string key, int perMinute, TimeProvider time) =>
        RateLimitPartition.Get(key, _ => new SlidingWindowLimiter(perMinute, Window, time));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
            : (int)Window.TotalSeconds;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var api = context.Request.Path.StartsWithSegments("/api");
        var fhir = context.Request.IsFhir();
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SubmissionRateLimits))
            .SubmissionLimited(fhir ? "FHIR" : api ? "API" : "form", seconds);
        if (fhir)
        {
            await Fhir.FhirResult.Problem(StatusCodes.Status429TooManyRequests, Hl7.Fhir.Model.OperationOutcome.IssueType.Throttled, $"Too many requests from this system in the last minute. Try again in {seconds} seconds.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!api)
        {
            // The form's status page explains it (Pages/Status.cshtml), through the status code pages.
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many referrals",
                Detail = $"Too many referrals were sent from here in the last minute. Try again in {seconds} seconds.",
            },
        }).ConfigureAwait(false);
    }
}
