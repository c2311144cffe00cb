using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.DurableTask.Worker;

/// <summary>
/// Runs the registered SDK orchestrators and activities on the Durable Task Framework's own
/// <see cref="TaskHubWorker"/>, so DTFx replays them with its own executor, extended sessions
/// included. Each orchestrator and activity is built from the service provider when DTFx asks
/// for it by name, and wrapped by the SDK's public shim factory.
/// </summary>
/// <remarks>
/// Never run this worker on a task hub the Azure Functions host serves: both would compete for
/// its partitions, and each fails the work items whose names it does not know.
/// </remarks>
public sealed class OrchestrationServiceWorker(
    string name,
    IDurableTaskFactory factory,
    IOptionsMonitor<DurableTaskWorkerOptions> options,
    AzureStorageOrchestrationService service,
    IOptions<DurableTaskHubOptions> hub,
    IServiceProvider services,
    ILoggerFactory loggerFactory)
    : DurableTaskWorker(name, factory)
{
    /// <summary>Storage that is down at start-up delays the worker; it never stops the host.</summary>
    private static readonly TimeSpan LongestStartRetry = TimeSpan.FromMinutes(1);

    private readonly ILogger logger = loggerFactory.CreateLogger<OrchestrationServiceWorker>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shims = new DurableTaskShimFactory(options.Get(Name), loggerFactory);
        using var worker = new TaskHubWorker(
            service,
            new ByName<TaskOrchestration>(n => Factory.TryCreateOrchestrator(n, services, out var o) ? shims.CreateOrchestration(n, o, parent: null) : null),
            new ByName<TaskActivity>(n => Factory.TryCreateActivity(n, services, out var a) ? shims.CreateActivity(n, a) : null),
            loggerFactory)
        {
            // The SDK reads failures from FailureDetails; without it TaskFailedException has none.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };

        if (!await StartAsync(worker, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }

        await worker.StopAsync(isForced: false).ConfigureAwait(false);
    }

    /// <returns>False when the host stopped before the worker could start.</returns>
    private async Task<bool> StartAsync(TaskHubWorker worker, CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await service.CreateIfNotExistsAsync().ConfigureAwait(false);
                await worker.StartAsync().ConfigureAwait(false);
                logger.WorkerStarted(hub.Value.HubName);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.WorkerStartFailed(ex, wait);
            }

            try
            {
                await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestStartRetry.Ticks));
        }

        return false;
    }

    /// <summary>DTFx asks for orchestrations and activities by name; versions are not used, as in Durable Functions.</summary>
    private sealed class ByName<T>(Func<TaskName, T?> create) : INameVersionObjectManager<T>
        where T : class
    {
        public void Add(ObjectCreator<T> creator) =>
            throw new NotSupportedException("Register orchestrators and activities with AddTasks.");

        public T? GetObject(string name, string? version) => create(name);
    }
}
