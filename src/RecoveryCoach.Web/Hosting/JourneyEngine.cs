using RecoveryCoach.DurableTask;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Web.Hosting;

/// <summary>The referral services and the durable engine that carries each referral's journey.</summary>
public static class JourneyEngine
{
    /// <summary>
    /// Registers the referrals, with their tables under the task hub's name, and the Durable
    /// Task client (and, unless <see cref="DurableOptions.RunWorker"/> is false, the worker) on
    /// the hub that host.json names, in the account <c>AzureWebJobsStorage</c> names.
    /// </summary>
    public static WebApplicationBuilder AddReferralJourneys(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var durable = configuration.GetSection(DurableOptions.Section).Get<DurableOptions>() ?? new DurableOptions();
        builder.Services.AddReferrals(configuration, storage =>
        {
            var hub = new DurableTaskHubOptions();
            Bind(configuration, hub);
            storage.ConnectionString = hub.ConnectionString;
            storage.TablePrefix = hub.HubName;
        });
        builder.Services.AddDurableTaskOnAzureStorage(hub => Bind(configuration, hub), JourneyJson.Converter, durable.RunWorker, JourneyTasks.Register);
        return builder;
    }

    /// <summary>The hub's settings from host.json, and the storage account from <c>AzureWebJobsStorage</c>; read when options are first used, after every source is in place.</summary>
    private static void Bind(ConfigurationManager configuration, DurableTaskHubOptions hub)
    {
        configuration.GetSection(HostJsonConfiguration.DurableTask).Bind(hub);
        hub.ConnectionString = configuration["AzureWebJobsStorage"] ?? hub.ConnectionString;
    }
}
