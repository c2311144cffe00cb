using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests;

/// <summary>
/// A real generic host with the adapter on a task hub of its own in Azurite: the worker, the client
/// and the sample tasks, as the app registers them.
/// </summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    /// <summary>Long enough for a slow machine, short enough that a hang fails the test instead of the run.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Camel case on both sides, so a test can tell the adapter's converter from DTFx's serializer.</summary>
    public static readonly DataConverter Converter = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly IHost host;
    private readonly bool deleteHub;

    private DurableTestHost(IHost host, bool deleteHub)
    {
        this.host = host;
        this.deleteHub = deleteHub;
    }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>What the sample activities did, in this host.</summary>
    public ActivityRuns Runs => host.Services.GetRequiredService<ActivityRuns>();

    /// <summary>Builds and starts a host; the hub is deleted on dispose unless another host is to reuse it.</summary>
    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskHubOptions>? configure = null,
        string? hubName = null,
        bool deleteHubOnDispose = true)
    {
        var host = Build(tasks, configure, hubName ?? TestServers.NewTaskHub());
        await host.StartAsync();
        return new DurableTestHost(host, deleteHubOnDispose);
    }

    /// <summary>A host that is built but not started, for tests about start-up itself; its log lines are in <see cref="CapturedLogs"/>.</summary>
    public static IHost Build(Action<DurableTaskRegistry> tasks, Action<DurableTaskHubOptions>? configure, string hubName)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var logs = new CapturedLogs();
        builder.Services.AddSingleton(logs);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton<ActivityRuns>();
        builder.Services.AddDurableTaskOnAzureStorage(
            hub =>
            {
                hub.StorageAccount = new StorageAccountClientProvider(TestServers.StorageConnectionString);
                hub.HubName = hubName;
                hub.StorageProvider.PartitionCount = 1;
                hub.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromSeconds(1);
                configure?.Invoke(hub);
            },
            Converter,
            runWorker: true,
            tasks);
        return builder.Build();
    }

    /// <summary>Waits for the instance to finish and reads it back with its input and output.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Reads the instance until it reaches the status, for states the client has no wait for.</summary>
    public async Task<OrchestrationMetadata> StatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        (await Eventually.UntilAsync(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            i => i?.RuntimeStatus == status,
            $"instance {instanceId} to be {status}"))!;

    /// <summary>Reads the instance until the orchestrator has said, by its custom status, that it got this far.</summary>
    public async Task<OrchestrationMetadata> CustomStatusAsync(string instanceId, string customStatus) =>
        (await Eventually.UntilAsync(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus is not null && i.ReadCustomStatusAs<string>() == customStatus,
            $"instance {instanceId} to report '{customStatus}'"))!;

    /// <summary>
    /// Runs one more <see cref="HelloOrchestrator"/> to completion. The hub has one control queue,
    /// read in order, so by then the worker has handled every message sent before: the way to see
    /// that one changed nothing.
    /// </summary>
    public async Task AfterEarlierMessagesAsync() =>
        await CompletionAsync(await Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "later"));

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(Patience))
        {
            await host.StopAsync(stop.Token);
        }

        if (deleteHub)
        {
            await host.Services.GetRequiredService<AzureStorageOrchestrationService>().DeleteAsync();
        }

        host.Dispose();
    }
}
