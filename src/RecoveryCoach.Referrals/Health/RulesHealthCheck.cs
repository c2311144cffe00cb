using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Live;

namespace RecoveryCoach.Referrals.Health;

/// <summary>
/// The rules in the folder are the rules in force. Unhealthy when none could be loaded, and when
/// the last change to the files was refused: the host then decides with older rules than its
/// folder holds, which another host started on the same folder could not even load, so the two
/// would disagree.
/// </summary>
internal sealed class RulesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        RulesInForce rules;
        try
        {
            // Resolved here, not injected, so rules that cannot load fail this check, not the probe.
            rules = services.GetRequiredService<RulesInForce>();
        }
        catch (RulesetException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No rules could be loaded.", ex));
        }

        var state = rules.State;
        return Task.FromResult(state.ReloadError is { } refused
            ? HealthCheckResult.Unhealthy($"The rule files (version {refused.AttemptedVersion}) were refused with {refused.Errors.Count} errors; version {state.Ruleset.Version} is in force.")
            : HealthCheckResult.Healthy());
    }
}
