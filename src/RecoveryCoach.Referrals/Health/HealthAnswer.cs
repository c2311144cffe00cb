using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecoveryCoach.Referrals.Health;

/// <summary>
/// The answer to a readiness probe, the same from both hosts: the overall status and each check's,
/// by name. Probes are anonymous, so it holds nothing else: no exception text, host names or
/// connection details, which the host's log has instead.
/// </summary>
public static class HealthAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>503 when any check is unhealthy, so a load balancer stops sending work; 200 otherwise.</summary>
    public static int StatusCodeFor(HealthReport report) =>
        (report ?? throw new ArgumentNullException(nameof(report))).Status == HealthStatus.Unhealthy ? 503 : 200;

    /// <summary>Writes <c>{"status":"Unhealthy","checks":{"storage":"Healthy","smtp":"Unhealthy","rules":"Healthy"}}</c>.</summary>
    public static Task WriteAsync(Stream body, HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var answer = new Answer(report.Status.ToString(), report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()));
        return JsonSerializer.SerializeAsync(body, answer, Json, cancellationToken);
    }

    private sealed record Answer(string Status, IReadOnlyDictionary<string, string> Checks);
}
