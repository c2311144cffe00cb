using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests.Worker;

public sealed partial class StorageOutageTests
{
    /// <summary>Event ids from the adapter's Log class.</summary>
    private const int WorkerStarted = 2000;

    private const int WorkerStartFailed = 2001;

    /// <remarks>
    /// Storage refuses connections, so an attempt fails only after the storage client's own
    /// retries (about half a minute): the test waits for the adapter to report one failed start,
    /// then brings storage back.
    /// </remarks>
    [Fact]
    public async Task A_worker_started_while_storage_is_down_keeps_the_host_up_and_starts_once_storage_is_back()
    {
        var ports = new[] { TestServers.ClosedPort(), TestServers.ClosedPort(), TestServers.ClosedPort() };
        var targets = AzuriteEndpoints();
        using var host = DurableTestHost.Build(SampleTasks.Register, hub => hub.StorageAccount = new global::DurableTask.AzureStorage.StorageAccountClientProvider(ConnectionStringFor(ports)), TestServers.NewTaskHub());
        var logs = host.Services.GetRequiredService<CapturedLogs>();

        await host.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(logs.Has(WorkerStartFailed)), failed => failed, "the worker to report that storage is down", TimeSpan.FromMinutes(2));
        var stillWaiting = logs.Has(WorkerStarted);
        await using (Forward(ports[0], targets[0]))
        await using (Forward(ports[1], targets[1]))
        await using (Forward(ports[2], targets[2]))
        {
            await Eventually.UntilAsync(() => Task.FromResult(logs.Has(WorkerStarted)), started => started, "the worker to start once storage is back");
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann");
            using var timeout = new CancellationTokenSource(DurableTestHost.Patience);
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

            stillWaiting.Should().BeFalse();
            done.ReadOutputAs<string>().Should().Be("Hello, Ann!");
            await host.StopAsync();
            await host.Services.GetRequiredService<global::DurableTask.AzureStorage.AzureStorageOrchestrationService>().DeleteAsync();
        }
    }

    /// <summary>Azurite's blob, queue and table endpoints, from the connection string the tests were given.</summary>
    private static Uri[] AzuriteEndpoints() => [Endpoint("Blob", 10000), Endpoint("Queue", 10001), Endpoint("Table", 10002)];

    private static Uri Endpoint(string service, int defaultPort) =>
        Regex.Match(TestServers.StorageConnectionString, $"{service}Endpoint=([^;]+)") is { Success: true } m
            ? new Uri(m.Groups[1].Value)
            : new Uri($"http://127.0.0.1:{defaultPort}/devstoreaccount1");

    private static string ConnectionStringFor(int[] ports) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";

    /// <summary>Storage coming back: forwards a port where nothing listened to Azurite.</summary>
    private static TcpForwarder Forward(int port, Uri target)
    {
        var forwarder = new TcpForwarder(port, target.Host, target.Port);
        forwarder.Start();
        return forwarder;
    }
}
