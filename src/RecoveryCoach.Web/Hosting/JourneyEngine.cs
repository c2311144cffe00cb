using Microsoft.Extensions.Options;
using RecoveryCoach.DurableTask;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Hosting;

/// <summary>The referral services and the durable engine that carries each referral's journey.</summary>
public static class JourneyEngine
{
    /// <summary>
    /// Registers the referrals, with their tables under the task hub's name, and the Durable
    /// Task client (and, unless <see cref="DurableOptions.RunWorker"/> is false, the worker) on
    /// the hub that host.json names, with the retention purge beside the worker, in the account <c>AzureWebJobsStorage</c> names: both read
    /// the account through the one <see cref="StorageConnection"/> in <see cref="StorageOptions"/>.
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
            storage.TablePrefix = hub.HubName;
        });
        builder.Services.AddDurableTaskOnAzureStorage(hub => Bind(configuration, hub), JourneyJson.Converter, durable.RunWorker, JourneyTasks.Register);
        if (durable.RunWorker)
        {
            // Where the Functions app runs the journeys, its timer runs the purge instead.
            builder.Services.AddHostedService<Workers.RetentionPurgeWorker>();
        }

        builder.Services.AddOptions<DurableTaskHubOptions>()
            .Configure<IOptions<StorageOptions>>((hub, storage) => hub.StorageAccount = storage.Value.Connection?.ForDurableTask());
        return builder;
    }

    /// <summary>The hub's settings from host.json; read when options are first used, after every source is in place.</summary>
    private static void Bind(ConfigurationManager configuration, DurableTaskHubOptions hub) =>
        configuration.GetSection(HostJsonConfiguration.DurableTask).Bind(hub);
}
