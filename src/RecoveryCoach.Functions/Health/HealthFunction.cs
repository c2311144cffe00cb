using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoveryCoach.Referrals.Health;

namespace RecoveryCoach.Functions.Health;

/// <summary>
/// <c>GET /api/healthz</c>, anonymous: the readiness checks the web app's <c>/healthz/ready</c>
/// runs (storage, SMTP, rules), with the same answer, so monitoring probes both apps alike.
/// Answering at all shows the worker process is up.
/// </summary>
public sealed class HealthFunction(HealthCheckService health)
{
    public const string Name = "healthz";

    [Function(Name)]
    public async Task<HttpResponseData> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = request.FunctionContext.CancellationToken;
        var report = await health.CheckHealthAsync(ReferralHealthChecks.IsReadiness, cancellationToken);
        var response = request.CreateResponse((HttpStatusCode)HealthAnswer.StatusCodeFor(report));
        response.Headers.Add("Content-Type", HealthAnswer.ContentType);
        response.Headers.Add("Cache-Control", "no-store");
        await HealthAnswer.WriteAsync(response.Body, report, cancellationToken);
        return response;
    }
}
