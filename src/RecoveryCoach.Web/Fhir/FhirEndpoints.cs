using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Web.Hosting.RateLimits;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// The FHIR R4 API for care coordinators' record systems: refer with a ServiceRequest (alone, or
/// in a transaction Bundle), read it back, and follow it through its Task. It feeds the same
/// intake as the form and the JSON API. A system sees only the referrals it sent; any other id
/// is not found, so nothing is learnt about another system's referrals.
/// </summary>
public static class FhirEndpoints
{
    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var open = routes.MapGroup("/fhir/r4").AllowAnonymous();
        open.MapGet("/metadata", (HttpContext context, IOptions<NotificationOptions> options, TimeProvider time) =>
            Answer(context, () => new FhirResult(StatusCodes.Status200OK, FhirCapabilities.Build(BaseOf(options), time.GetUtcNow()))));
        open.MapGet("/Questionnaire/" + ReferralQuestionnaire.Id, (HttpContext context, IOptions<NotificationOptions> options) =>
            Answer(context, () => new FhirResult(StatusCodes.Status200OK, ReferralQuestionnaire.Build(BaseOf(options)))));

        var group = routes.MapGroup("/fhir/r4").RequireAuthorization(FhirClients.Policy).RequireRateLimiting(SubmissionRateLimits.FhirPolicy);
        group.MapPost("/ServiceRequest", SubmitAsync);
        group.MapPost("/", SubmitAsync);
        group.MapGet("/ServiceRequest/{id}", ReadAsync);
        group.MapGet("/Task", SearchTaskAsync);
        if (routes.ServiceProvider.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            open.MapPost("/development-token", DevelopmentToken);
        }

        routes.MapFallback("/fhir/{**rest}", () => FhirResult.Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "The FHIR API has no such resource or interaction; see /fhir/r4/metadata.")).AllowAnonymous();
        return routes;
    }

    private static async Task<FhirResult> SubmitAsync(
        HttpContext context,
        ReferralIntake intake,
        ReferralSenderStore senders,
        FhirProfileCheck profiles,
        IOptions<NotificationOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!FhirJson.IsJson(context.Request.ContentType) || FhirJson.WantsXml(context.Request))
        {
            return FhirResult.Problem(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "Send and accept FHIR JSON (application/fhir+json); XML is not served.");
        }

        var (resource, parseIssues) = await FhirJson.ReadAsync(context.Request, cancellationToken);
        if (resource is null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, parseIssues);
        }

        var bundle = context.Request.Path.Value?.TrimEnd('/').EndsWith("/r4", StringComparison.Ordinal) == true;
        if (bundle ? resource is not Bundle : resource is not ServiceRequest)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, [new FhirIssue(resource.TypeName, bundle
                ? "Post a transaction Bundle to /fhir/r4, or a ServiceRequest to /fhir/r4/ServiceRequest"
                : $"Post a ServiceRequest here, not a {resource.TypeName}", OperationOutcome.IssueType.NotSupported)]);
        }

        var (referral, issues) = ServiceRequestReader.Read(resource);
        var problems = issues.Concat(profiles.Check(resource)).ToList();
        if (referral is not null && problems.Count > 0)
        {
            problems.AddRange(FhirPaths.IssuesOf(ReferralValidator.Validate(referral.Submission, UkDate.Of(time.GetUtcNow())).Errors));
        }

        if (referral is null || problems.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, problems.DistinctBy(p => (p.Expression, p.Message)));
        }

        var clientId = FhirClients.ClientIdOf(context.User)!;
        var result = await intake.SubmitAsync(referral.Submission, referral.KeyFor(clientId), ReferralChannel.Fhir, cancellationToken);
        switch (result)
        {
            case IntakeResult.Invalid invalid:
                return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, FhirPaths.IssuesOf(invalid.Errors));
            case IntakeResult.KeyReused:
                return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, [new FhirIssue("ServiceRequest.identifier", "This identifier was used for a different referral. Give a new referral an identifier of its own.", OperationOutcome.IssueType.Duplicate)]);
            case IntakeResult.Accepted accepted:
                var stored = accepted.Record.Referral;
                var sender = new ReferralSender(clientId, referral.Identifier!.System!, referral.Identifier.Value!);
                await senders.RecordAsync(stored.Id, sender, cancellationToken);
                var request = StoredServiceRequest.From(stored, sender, BaseOf(options));
                var location = new Uri(BaseOf(options), $"/fhir/r4/ServiceRequest/{stored.Id}").ToString();
                var status = accepted.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created;
                return bundle
                    ? new FhirResult(StatusCodes.Status200OK, TransactionResponse(request, status, location), location)
                    : new FhirResult(status, request, location);
            default:
                throw new InvalidOperationException($"Unknown intake result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// In Development only, a token for a local record system, as the identity provider's token
    /// endpoint would give one: <c>client_id</c> in a form, an allowed client, signed with the
    /// development key.
    /// </summary>
    private static async Task<IResult> DevelopmentToken(HttpContext context, IOptions<FhirClientOptions> options, TimeProvider time)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var client = form?["client_id"].ToString() ?? string.Empty;
        if (options.Value.DevelopmentSigningKey is not { Length: > 0 } key || !options.Value.AllowedClients.Contains(client))
        {
            return TypedResults.BadRequest(new { error = "invalid_client", error_description = "Give client_id, one of Fhir:AllowedClients, in a form." });
        }

        return TypedResults.Ok(new { access_token = DevelopmentTokens.Issue(key, client, options.Value.Audience, time.GetUtcNow()), token_type = "Bearer", expires_in = 3600 });
    }

    private static async Task<FhirResult> ReadAsync(string id, HttpContext context, ReferralStore referrals, ReferralSenderStore senders, IOptions<NotificationOptions> options, CancellationToken cancellationToken) =>
        await SentByCallerAsync(id, context, referrals, senders, cancellationToken) is { } found
            ? new FhirResult(StatusCodes.Status200OK, StoredServiceRequest.From(found.Referral, found.Sender, BaseOf(options)))
            : NotFound();

    private static async Task<FhirResult> SearchTaskAsync(HttpContext context, ReferralStore referrals, ReferralSenderStore senders, TimeProvider time, CancellationToken cancellationToken)
    {
        var focus = context.Request.Query["focus"].ToString();
        if (!focus.StartsWith("ServiceRequest/", StringComparison.Ordinal))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, [new FhirIssue("Task.focus", "Search Tasks by focus=ServiceRequest/{id}", OperationOutcome.IssueType.NotSupported)]);
        }

        var found = await SentByCallerAsync(focus["ServiceRequest/".Length..], context, referrals, senders, cancellationToken);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Timestamp = time.GetUtcNow(), Total = found is null ? 0 : 1 };
        if (found is not null)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"Task/{found.Value.Referral.Id}", Resource = ReferralTask.From(found.Value.Referral), Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        }

        return new FhirResult(StatusCodes.Status200OK, bundle);
    }

    /// <summary>The referral, when the calling system sent it; null for any other, as if it did not exist.</summary>
    private static async Task<(Referral Referral, ReferralSender Sender)?> SentByCallerAsync(string id, HttpContext context, ReferralStore referrals, ReferralSenderStore senders, CancellationToken cancellationToken)
    {
        if (!Referral.IsWellFormedId(id) || await senders.FindAsync(id, cancellationToken) is not { } sender || sender.ClientId != FhirClients.ClientIdOf(context.User))
        {
            return null;
        }

        return await referrals.GetAsync(id, cancellationToken) is { } record ? (record.Referral, sender) : null;
    }

    private static Bundle TransactionResponse(ServiceRequest request, int status, string location) => new()
    {
        Type = Bundle.BundleType.TransactionResponse,
        Entry =
        [
            new Bundle.EntryComponent
            {
                FullUrl = location,
                Resource = request,
                Response = new Bundle.ResponseComponent { Status = status == StatusCodes.Status201Created ? "201 Created" : "200 OK", Location = location, LastModified = request.Meta?.LastUpdated },
            },
        ],
    };

    private static FhirResult Answer(HttpContext context, Func<FhirResult> answer) =>
        FhirJson.WantsXml(context.Request)
            ? FhirResult.Problem(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "FHIR JSON (application/fhir+json) only; XML is not served.")
            : answer();

    private static FhirResult NotFound() => FhirResult.Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "No such referral was sent by this system.");

    private static Uri BaseOf(IOptions<NotificationOptions> options) => new(options.Value.PublicBaseUrl.TrimEnd('/') + "/");
}
