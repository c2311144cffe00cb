using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace RecoveryCoach.Durable.Storage;

/// <summary>
/// The storage clients of one task hub, each counting its requests. The same code runs against
/// Azurite and Azure Storage; only the connection string differs.
/// </summary>
internal sealed class TaskHubStorage : IDisposable
{
    private readonly SemaphoreSlim createLock = new(1, 1);
    private volatile bool created;

    public TaskHubStorage(DurableTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Names = new TaskHubNames(options.HubName);
        PartitionCount = options.StorageProvider.PartitionCount;

        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(options.ConnectionString, tableOptions);
        History = tables.GetTableClient(Names.HistoryTable);
        Instances = tables.GetTableClient(Names.InstancesTable);
        Timers = tables.GetTableClient(Names.TimersTable);

        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        queueOptions.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        var queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        ControlQueues = [.. Enumerable.Range(0, PartitionCount).Select(p => queues.GetQueueClient(Names.ControlQueue(p)))];
        PoisonQueue = queues.GetQueueClient(Names.PoisonQueue);

        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        LargePayloads = new BlobServiceClient(options.ConnectionString, blobOptions).GetBlobContainerClient(Names.LargePayloadContainer);
    }

    public TaskHubNames Names { get; }

    public int PartitionCount { get; }

    public StorageRequestCounter Counter { get; } = new();

    public TableClient History { get; }

    public TableClient Instances { get; }

    public TableClient Timers { get; }

    public IReadOnlyList<QueueClient> ControlQueues { get; }

    public QueueClient PoisonQueue { get; }

    public BlobContainerClient LargePayloads { get; }

    public void Dispose() => createLock.Dispose();

    /// <summary>The control queue of an instance: a stable hash of its id, so every process agrees.</summary>
    public int PartitionOf(string instanceId)
    {
        uint hash = 2166136261;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % (uint)PartitionCount);
    }

    /// <summary>Creates the hub's tables, queues and container once per process.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (created)
        {
            return;
        }

        await createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (created)
            {
                return;
            }

            await Task.WhenAll(
                History.CreateIfNotExistsAsync(cancellationToken),
                Instances.CreateIfNotExistsAsync(cancellationToken),
                Timers.CreateIfNotExistsAsync(cancellationToken),
                PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                LargePayloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            await Task.WhenAll(ControlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken))).ConfigureAwait(false);
            created = true;
        }
        finally
        {
            createLock.Release();
        }
    }
}
