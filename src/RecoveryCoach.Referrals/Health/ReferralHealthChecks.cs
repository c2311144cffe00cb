using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecoveryCoach.Referrals.Health;

/// <summary>
/// What a host needs to take referrals: storage, mail and the rules. Both hosts register these
/// once, so the web app's <c>/healthz/ready</c> and the Functions app's <c>healthz</c> check the same.
/// </summary>
public static class ReferralHealthChecks
{
    /// <summary>The tag of every readiness check.</summary>
    public const string Ready = "ready";

    public const string Storage = "storage";

    public const string Smtp = "smtp";

    public const string Rules = "rules";

    /// <summary>
    /// How long a check may take. A probe that waits longer than its caller is no answer at all,
    /// and the storage clients' own retries would take half a minute to give up.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the storage, mail and rules checks, tagged <see cref="Ready"/>.</summary>
    public static IHealthChecksBuilder AddReferralChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddCheck<StorageHealthCheck>(Storage, HealthStatus.Unhealthy, [Ready], Timeout)
            .AddCheck<SmtpHealthCheck>(Smtp, HealthStatus.Unhealthy, [Ready], Timeout)
            .AddCheck<RulesHealthCheck>(Rules, HealthStatus.Unhealthy, [Ready], Timeout);
    }

    /// <summary>Selects the readiness checks, for <c>HealthCheckService.CheckHealthAsync</c> and <c>MapHealthChecks</c>.</summary>
    public static bool IsReadiness(HealthCheckRegistration registration) =>
        registration?.Tags.Contains(Ready) ?? throw new ArgumentNullException(nameof(registration));
}
