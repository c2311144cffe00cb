using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.DurableTask.Client;
using RecoveryCoach.DurableTask.Worker;

namespace RecoveryCoach.DurableTask;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK's <see cref="DurableTaskClient"/> over one Azure Storage orchestration
    /// service for the hub, and, when <paramref name="runWorker"/> is true, a worker that runs
    /// <paramref name="tasks"/> on the same service. Sharing it means a message this process sends
    /// wakes its own worker at once, with no wait for the next poll.
    /// </summary>
    /// <param name="configure">Sets the hub's options, usually from host.json.</param>
    /// <param name="converter">Turns inputs, outputs, events and custom status into JSON, for client and worker alike.</param>
    public static IServiceCollection AddDurableTaskOnAzureStorage(
        this IServiceCollection services,
        Action<DurableTaskHubOptions> configure,
        DataConverter converter,
        bool runWorker,
        Action<DurableTaskRegistry> tasks)
    {
        services.AddOptions<DurableTaskHubOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(converter);
        services.AddSingleton(sp => new AzureStorageOrchestrationService(
            sp.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value.ToSettings(sp.GetRequiredService<ILoggerFactory>())));
        services.AddDurableTaskClient(client => client.UseBuildTarget<OrchestrationServiceDurableTaskClient>());
        if (runWorker)
        {
            services.AddDurableTaskWorker(worker => worker.AddTasks(tasks).UseBuildTarget<OrchestrationServiceWorker>());
        }

        return services;
    }
}
