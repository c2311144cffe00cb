using System.ComponentModel.DataAnnotations;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace RecoveryCoach.DurableTask;

/// <summary>
/// The task hub's settings, bound from <c>extensions.durableTask</c> in <c>host.json</c> with
/// Durable Functions' own names and defaults, so the in-process worker and the Functions host
/// read one file and agree on everything a shared hub depends on.
/// </summary>
public sealed class DurableTaskHubOptions : IValidatableObject
{
    /// <summary>
    /// The storage account's blob, queue and table clients; not part of host.json. The host builds
    /// them from its own settings: from a connection string (<c>new StorageAccountClientProvider(connectionString)</c>),
    /// or from service URIs or an account name with a token credential for an identity-based connection.
    /// </summary>
    [Required]
    public StorageAccountClientProvider? StorageAccount { get; set; }

    /// <summary>Prefixes every table, queue and container of the hub, so hubs sharing an account never meet.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The hub name must be 3 to 45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "RecoveryCoach";

    /// <summary>
    /// Names this worker in the hub's partition table, where each worker holds leases on the
    /// partitions it serves. Every worker process needs a name of its own: two under one name
    /// each take the other's leases for their own, and both serve every partition. The default,
    /// machine name and process id, is one per process (DTFx's own is the machine name alone), so
    /// a process restarted after a crash waits for its predecessor's leases to expire.
    /// </summary>
    [Required]
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Orchestration work items one worker runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Activities one worker runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Keeps an instance's history in memory between steps, saving a history read per step.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an idle extended session stays in memory.</summary>
    [Range(1, 3600)]
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    public StorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>Data annotations do not reach into <see cref="StorageProvider"/> by themselves.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(StorageProvider, new ValidationContext(StorageProvider), results, validateAllProperties: true);
        return results;
    }

    /// <summary>The Durable Task Framework's settings for these options.</summary>
    public AzureStorageOrchestrationServiceSettings ToSettings(ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = StorageAccount ?? throw new InvalidOperationException("The task hub's storage account is not set."),
        TaskHubName = HubName,
        WorkerId = WorkerId,
        LoggerFactory = loggerFactory,
        MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestratorFunctions,
        MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivityFunctions,
        ExtendedSessionsEnabled = ExtendedSessionsEnabled,
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(ExtendedSessionIdleTimeoutInSeconds),
        PartitionCount = StorageProvider.PartitionCount,
        ControlQueueBatchSize = StorageProvider.ControlQueueBatchSize,
        ControlQueueBufferThreshold = StorageProvider.ControlQueueBufferThreshold,
        ControlQueueVisibilityTimeout = StorageProvider.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = StorageProvider.WorkItemQueueVisibilityTimeout,
        MaxQueuePollingInterval = StorageProvider.MaxQueuePollingInterval,
        UseTablePartitionManagement = StorageProvider.UseTablePartitionManagement,
        ThrowExceptionOnInvalidDedupeStatus = true,
    };
}

/// <summary>The <c>storageProvider</c> part, with Durable Functions' defaults for the Azure Storage provider.</summary>
public sealed class StorageProviderOptions
{
    /// <summary>Control queues, and so the most workers that share the hub's orchestrations. Never change it on a live hub.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched from a control queue in one request.</summary>
    [Range(1, 32)]
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Messages a partition buffers in memory before it stops fetching.</summary>
    [Range(1, 1000)]
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>How long a fetched control message stays hidden; a worker that dies lets it reappear after this.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The same for activity messages.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest wait between polls of an idle queue: how late work raised by another process
    /// can be noticed, against the storage requests an idle worker makes.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Leases partitions through a table rather than blobs.</summary>
    public bool UseTablePartitionManagement { get; set; } = true;
}
