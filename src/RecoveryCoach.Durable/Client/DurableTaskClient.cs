using RecoveryCoach.Durable.History;
using RecoveryCoach.Durable.Storage;
using RecoveryCoach.Durable.Worker;

namespace RecoveryCoach.Durable;

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The caller's id for the instance, such as a referral id; a new GUID when null.</param>
/// <param name="Version">The orchestrator version to run; the newest registered when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, string? Version = null);

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>
/// Starts, inspects, signals and removes orchestration instances. It writes to the task hub's
/// storage and wakes the worker in its own process, so work it starts begins at once.
/// </summary>
public sealed class DurableTaskClient
{
    private readonly TaskHubStorage storage;
    private readonly InstanceStore instances;
    private readonly HistoryStore history;
    private readonly ControlQueues queues;
    private readonly LargePayloads payloads;
    private readonly DurableTaskRegistry registry;
    private readonly WorkerSignal signal;
    private readonly TimeProvider clock;

    internal DurableTaskClient(TaskHubStorage storage, InstanceStore instances, HistoryStore history, ControlQueues queues, LargePayloads payloads, DurableTaskRegistry registry, WorkerSignal signal, TimeProvider clock)
    {
        this.storage = storage;
        this.instances = instances;
        this.history = history;
        this.queues = queues;
        this.payloads = payloads;
        this.registry = registry;
        this.signal = signal;
        this.clock = clock;
    }

    /// <summary>Storage requests sent by this process's runtime so far, client and worker together.</summary>
    public long StorageRequests => storage.Counter.Total;

    /// <summary>Starts an instance; returns its id.</summary>
    /// <exception cref="InstanceAlreadyRunningException">An instance with that id is pending or running.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var version = options?.Version ?? registry.LatestVersion(orchestratorName)
            ?? throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var serializedInput = DataConverter.Serialize(input);
        var pending = new OrchestrationMetadata(instanceId, orchestratorName, version, OrchestrationRuntimeStatus.Pending, now, now, serializedInput, null, null, null);
        if (await instances.TryAddAsync(pending, executionId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (!existing.IsCompleted)
            {
                throw new InstanceAlreadyRunningException($"Instance '{instanceId}' is already {existing.RuntimeStatus}; it cannot be started again until it finishes.");
            }

            // A finished instance may be started afresh: its old history goes first.
            await history.DeleteAsync(instanceId, cancellationToken).ConfigureAwait(false);
            await instances.ReplaceAsync(pending, executionId, cancellationToken).ConfigureAwait(false);
        }

        var started = new ExecutionStarted(orchestratorName, version, serializedInput, executionId) { Timestamp = now.UtcDateTime, MessageId = "start:" + executionId };
        await SendAsync(new InstanceMessage(instanceId, started), cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Raises an event; it is kept until the orchestrator waits for it, even if the instance has not started yet.</summary>
    /// <exception cref="InstanceNotFoundException">No instance has this id.</exception>
    /// <exception cref="InstanceCompletedException">The instance has finished.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await RequireRunningAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var raised = new EventRaised(eventName, DataConverter.Serialize(eventData)) { Timestamp = clock.GetUtcNow().UtcDateTime, MessageId = Guid.NewGuid().ToString("N") };
        await SendAsync(new InstanceMessage(instanceId, raised), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends an instance where it stands; it shows Terminated with the reason as output.</summary>
    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireRunningAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var terminated = new ExecutionTerminated(reason) { Timestamp = clock.GetUtcNow().UtcDateTime, MessageId = Guid.NewGuid().ToString("N") };
        await SendAsync(new InstanceMessage(instanceId, terminated), cancellationToken).ConfigureAwait(false);
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await instances.GetAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current execution's history, oldest first: the instance's timeline.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return (await history.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false)).Events;
    }

    public async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await instances.QueryAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an instance's history, status and payloads.</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var hadHistory = await history.DeleteAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var hadStatus = await instances.DeleteAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await payloads.DeleteForInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return new PurgeResult(hadHistory || hadStatus ? 1 : 0);
    }

    /// <summary>Purges every finished instance created in a time range, for a retention policy.</summary>
    public async Task<PurgeResult> PurgeInstancesAsync(DateTimeOffset createdFrom, DateTimeOffset createdTo, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        var query = new OrchestrationQuery([OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], createdFrom, createdTo);
        do
        {
            var page = await QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                purged += (await PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false)).PurgedInstanceCount;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        return new PurgeResult(purged);
    }

    /// <summary>Waits until the instance has finished and returns its final status.</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException($"No instance has id '{instanceId}'.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length is 0 or > 100 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException("An instance id must be 1 to 100 characters without / \\ # ? | or control characters.", nameof(instanceId));
        }
    }

    private async Task RequireRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException($"No instance has id '{instanceId}'.");
        if (instance.IsCompleted)
        {
            throw new InstanceCompletedException($"Instance '{instanceId}' has finished ({instance.RuntimeStatus}).");
        }
    }

    private async Task SendAsync(InstanceMessage message, CancellationToken cancellationToken)
    {
        await queues.SendAsync(message, cancellationToken).ConfigureAwait(false);
        signal.MessageSent();
    }
}
