using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Functions.Hosting;

/// <summary>
/// Loads the rule files when the host starts, so broken rules stop start-up with the file, rule
/// and message, rather than fail the first referral.
/// </summary>
internal sealed class RulesetStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<Ruleset>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
