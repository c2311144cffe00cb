using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Management;

/// <summary>The service on the real engine, with its management API switched on and two small orchestrations to manage.</summary>
public sealed class ManagementServiceFactory : ReferralServiceFactory
{
    public ManagementServiceFactory()
    {
        RealEngine = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Management:Enabled", "true");
        builder.ConfigureTestServices(services => services.AddDurableTaskWorker(worker => worker.AddTasks(tasks => tasks
            .AddOrchestratorFunc<string, string>("WaitsForGo", async (context, input) => $"{input} then {await context.WaitForExternalEvent<string>("Go")}")
            .AddOrchestratorFunc<string, string>("Quick", (_, input) => input))));
    }
}
