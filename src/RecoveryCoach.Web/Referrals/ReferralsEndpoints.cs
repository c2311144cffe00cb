using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCoach.Web.Hosting;
using RecoveryCoach.Web.Hosting.RateLimits;
using RecoveryCoach.Web.SystemClients;
using RecoveryCoach.Web.Staff;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Web.Referrals;

/// <summary>The referral API: submit a referral, and see where it stands.</summary>
public static class ReferralsEndpoints
{
    /// <summary>A referral is a few kilobytes; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder routes)
    {
        // Open to anyone, as the paper form was: referrers submit here and follow the link they are
        // given. Trusted system clients submit with a bearer token, each under a limit of its own.
        var group = routes.MapGroup("/api/referrals");
        group.MapPost("/", SubmitAsync)
            .RequireAuthorization(SystemClientAuthentication.SubmitterPolicy)
            .RequireRateLimiting(SubmissionRateLimits.ApiPolicy);
        group.MapGet("/{id}", GetAsync).AllowAnonymous();
        return routes;
    }

    private static async Task<Results<Accepted<ReferralAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpContext context,
        ReferralIntake intake,
        IOptions<NotificationOptions> notifications,
        CancellationToken cancellationToken)
    {
        var idempotencyKey = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > 255 || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [IdempotencyKeyHeader] = ["The Idempotency-Key header must be 1 to 255 visible ASCII characters"] },
                title: "The request has errors");
        }

        var (submission, problem) = await JsonRequestBody.ReadAsync<ReferralSubmission>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await intake.SubmitAsync(submission!, idempotencyKey.Length == 0 ? null : idempotencyKey, ReferralChannel.Api, cancellationToken);
        switch (result)
        {
            case IntakeResult.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "The referral has errors");
            case IntakeResult.KeyReused:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key already used",
                    detail: "This Idempotency-Key was used for a different referral. Use a new key for a new referral.");
            case IntakeResult.Accepted accepted:
                var referral = accepted.Record.Referral;
                // From the configured public address, never the request's Host header, which a caller chooses.
                var statusUri = new Uri(notifications.Value.ReferralLink(referral.Id));
                return TypedResults.Accepted(statusUri, new ReferralAccepted(referral.Id, referral.Reference, referral.Status, statusUri));
            default:
                throw new InvalidOperationException($"Unknown intake result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// Staff who may see the referral get it in full; anyone else, signed in or not, the short
    /// public view. The answer depends on the sign-in cookie, so no cache may keep or share it.
    /// </summary>
    private static async Task<Results<Ok<ReferralView>, Ok<PublicReferralView>, ProblemHttpResult>> GetAsync(
        string id,
        HttpContext context,
        ReferralStore store,
        DurableTaskClient journeys,
        AccessRecorder access,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Vary = "Cookie";
        var record = RecoveryCoach.Referrals.Referral.IsWellFormedId(id) ? await store.GetAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral", detail: "There is no referral with that id.");
        }

        if (!context.User.MaySee(record.Referral))
        {
            return TypedResults.Ok(PublicReferralView.Of(record));
        }

        var stage = await journeys.GetJourneyStatusAsync(id, cancellationToken);
        await access.ViewedAsync(context, record.Referral, "referral (API)", cancellationToken);
        return TypedResults.Ok(ReferralView.Of(record, stage));
    }
}
