using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Durable;

/// <summary>
/// The runtime's settings, in the shape of the <c>extensions.durableTask</c> section of an Azure
/// Functions <c>host.json</c>.
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>The Azure Storage connection string (<c>AzureWebJobsStorage</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// The task hub: every table, queue and container name starts with it, so hubs sharing a
    /// storage account never see each other's instances.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The hub name must be 3 to 45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "RecoveryCoach";

    /// <summary>Instances one worker steps at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 16;

    /// <summary>Activities one worker runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 16;

    /// <summary>
    /// Whether this process steps instances. Every service host does; a tool that only starts
    /// and inspects instances sets it to false.
    /// </summary>
    public bool WorkerEnabled { get; set; } = true;

    public StorageProviderOptions StorageProvider { get; set; } = new();
}

/// <summary>The <c>storageProvider</c> part of the settings.</summary>
public sealed class StorageProviderOptions
{
    /// <summary>Control queues; instances are spread over them by a hash of their id. Fixed for the life of a hub.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched from a control queue in one request (Azure allows at most 32).</summary>
    [Range(1, 32)]
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>How long a fetched message stays hidden; a worker that dies lets it reappear after this.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest wait between polls of an idle worker. Work started or raised in the same
    /// process, and timers this worker knows of, wake it at once, so this only bounds how soon
    /// work from other hosts is noticed.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deliveries of one message before it is moved to the poison queue and its instance failed.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;
}
