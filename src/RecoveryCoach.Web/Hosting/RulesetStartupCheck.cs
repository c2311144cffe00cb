using RecoveryCoach.Referrals.Rules.Live;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// Loads the rule files when the host starts, so broken rules stop start-up with the file, rule
/// and message, rather than fail the first referral. Once running, a broken edit is refused and
/// the last good rules stay in force (<see cref="RulesInForce"/>).
/// </summary>
internal sealed class RulesetStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<RulesInForce>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
