using System.Collections.Concurrent;
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

    private DurableTestHost(IHost host, string hubName, bool deleteHub)
    {
        this.host = host;
        this.deleteHub = deleteHub;
        HubName = hubName;
    }

    public string HubName { get; }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>What the sample activities did, in this host.</summary>
    public ActivityRuns Runs => host.Services.GetRequiredService<ActivityRuns>();

    /// <summary>Every log line the host wrote, for tests about what the worker reported.</summary>
    public CapturedLogs Logs => host.Services.GetRequiredService<CapturedLogs>();

    /// <summary>Builds and starts a host; the hub is deleted on dispose unless another host is to reuse it.</summary>
    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskHubOptions>? configure = null,
        string? hubName = null,
        bool deleteHubOnDispose = true)
    {
        var host = Build(tasks, configure, hubName ?? TestServers.NewTaskHub());
        await host.StartAsync();
        return new DurableTestHost(host, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskHubOptions>>().Value.HubName, deleteHubOnDispose);
    }

    /// <summary>A host that is built but not started, for tests about start-up itself.</summary>
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
                hub.ConnectionString = TestServers.StorageConnectionString;
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
        (await Eventually.Async(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            i => i?.RuntimeStatus == status,
            $"instance {instanceId} to be {status}"))!;

    /// <summary>Reads the instance until the orchestrator has said, by its custom status, that it got this far.</summary>
    public async Task<OrchestrationMetadata> CustomStatusAsync(string instanceId, string customStatus) =>
        (await Eventually.Async(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus is not null && i.ReadCustomStatusAs<string>() == customStatus,
            $"instance {instanceId} to report '{customStatus}'"))!;

    /// <summary>
    /// Runs one more instance to completion. The hub has one control queue, read in order, so by
    /// then the worker has handled every message sent before: the way to see that one changed nothing.
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

/// <summary>The one way these tests wait for something that has no wait of its own: read it until it is so, or give up.</summary>
internal static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> isDone, string what, TimeSpan? patience = null)
    {
        var giveUpAfter = patience ?? DurableTestHost.Patience;
        using var timeout = new CancellationTokenSource(giveUpAfter);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var value = await read();
            if (isDone(value))
            {
                return value;
            }

            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up after {giveUpAfter} waiting for {what}.");
            }
        }
    }
}

/// <summary>Keeps every log line, with its event id, in memory.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Id, string Message)> lines = new();

    public IReadOnlyCollection<(string Category, EventId Id, string Message)> Lines => lines;

    public bool Has(int eventId) => lines.Any(l => l.Id.Id == eventId && l.Category.StartsWith("RecoveryCoach", StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, EventId, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, eventId, formatter(state, exception)));
    }
}
