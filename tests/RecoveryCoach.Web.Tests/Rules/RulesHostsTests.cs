using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Rules.Hosts;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Rules;

/// <summary>The web app shows the rules, the Functions app decides with them: the Rules page shows whether every running host holds the same.</summary>
public sealed class RulesHostsTests
{
    [Fact]
    public async Task The_rules_page_shows_the_rules_each_running_host_holds_and_warns_when_one_differs()
    {
        await using var factory = new ReferralServiceFactory();
        using var admin = await factory.SignedInAsync(StaffSignIn.Admin);
        var inForce = factory.Services.GetRequiredService<RulesInForce>().Current.Version;
        var hosts = factory.Services.GetRequiredService<RulesHostStore>();

        var agreeing = await Eventually.UntilAsync(() => admin.GetStringAsync(new Uri("/staff/rules", UriKind.Relative)), page => page.Contains("RecoveryCoach.Web", StringComparison.Ordinal), "the web app reports the rules it holds when it starts");
        var now = DateTimeOffset.UtcNow;
        await hosts.ReportAsync(new RulesHost("RecoveryCoach.Functions", "functions-1", "0123456789ab", now.AddHours(-1), now), CancellationToken.None);
        await hosts.ReportAsync(new RulesHost("RecoveryCoach.Functions", "functions-stopped", "ba9876543210", now.AddDays(-1), now - RulesHostStore.Lifetime - TimeSpan.FromMinutes(1)), CancellationToken.None);
        var disagreeing = await admin.GetStringAsync(new Uri("/staff/rules", UriKind.Relative));

        agreeing.Should().Contain($"<code>{inForce}</code>").And.NotContain("hosts-disagree");
        disagreeing.Should().Contain("id=\"hosts-disagree\"").And.Contain("RecoveryCoach.Functions (functions-1)").And.Contain("0123456789ab");
        disagreeing.Should().NotContain("functions-stopped", "an instance that stopped reporting is no longer running").And.NotContain("ba9876543210");
    }
}
