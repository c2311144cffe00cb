using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Durable;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Management;

/// <summary>The service with its management API switched on and two small orchestrations to manage.</summary>
public sealed class ManagementServiceFactory : ReferralServiceFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Management:Enabled", "true");
        builder.ConfigureTestServices(services =>
        {
            var registry = (DurableTaskRegistry)services.Single(d => d.ServiceType == typeof(DurableTaskRegistry)).ImplementationInstance!;
            registry
                .AddOrchestrator<string, string>("WaitsForGo", async (context, input) => $"{input} then {await context.WaitForExternalEvent<string>("Go")}")
                .AddOrchestrator<string, string>("Quick", (_, input) => Task.FromResult(input));
        });
    }
}
