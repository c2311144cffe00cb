using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecoveryCoach.Referrals.Health;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Tests.Rules;

namespace RecoveryCoach.Referrals.Tests.Health;

/// <summary>The rules check, on rule folders that load, do not load, and were changed for the worse.</summary>
public sealed class RulesHealthCheckTests : IDisposable
{
    private readonly RuleFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Rules_that_loaded_are_healthy()
    {
        using var services = Services();

        var result = await CheckAsync(services);

        result.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_rules_folder_that_cannot_be_loaded_is_unhealthy()
    {
        folder.Write(Ruleset.AllocationFile, "{ \"WorkflowName\": \"Allocation\", \"Rules\": [ ");
        using var services = Services();

        var result = await CheckAsync(services);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Exception.Should().BeOfType<RulesetException>().Which.Message.Should().Contain("allocation.json");
    }

    [Fact]
    public async Task A_refused_change_to_the_files_is_unhealthy_though_the_last_good_rules_stay_in_force()
    {
        using var services = Services();
        var rules = services.GetRequiredService<RulesInForce>();
        var good = rules.Current.Version;
        folder.Replace(Ruleset.EligibilityFile, "referral.StrugglingWithDischarge", "referral.StrugglingWithDischarg");

        rules.Reload().Should().Be(RulesReloadOutcome.Rejected);
        var result = await CheckAsync(services);

        rules.Current.Version.Should().Be(good);
        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain($"version {good} is in force");
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RulesOptions>().Configure(o => o.Path = folder.Path);
        services.AddSingleton<RulesInForce>();
        return services.BuildServiceProvider();
    }

    private static Task<HealthCheckResult> CheckAsync(IServiceProvider services) =>
        new RulesHealthCheck(services).CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(ReferralHealthChecks.Rules, _ => null!, HealthStatus.Unhealthy, [ReferralHealthChecks.Ready]),
        });
}
