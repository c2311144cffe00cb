using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeFilter = DurableTask.Core.PurgeInstanceFilter;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace RecoveryCoach.DurableTask.Client;

/// <summary>
/// The Durable Task SDK's client over the Durable Task Framework's Azure Storage provider. It
/// writes inputs and event payloads once, with the SDK's data converter, so the worker reads
/// them exactly as the SDK wrote them (DTFx's own client would serialize them a second time).
/// </summary>
/// <remarks>
/// As with every DTFx backend, raising an event on an unknown or finished instance succeeds and
/// the message is dropped: look the instance up first wherever that matters.
/// </remarks>
public sealed class OrchestrationServiceDurableTaskClient(string name, IOptionsMonitor<DurableTaskClientOptions> options, AzureStorageOrchestrationService service)
    : DurableTaskClient(name)
{
    /// <summary>An instance in one of these states is never replaced by a start under its id.</summary>
    private static readonly OrchestrationStatus[] LiveStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private DataConverter Converter => options.Get(Name).DataConverter;

    /// <inheritdoc/>
    /// <remarks>
    /// An instance still pending, running or suspended under the id is never replaced:
    /// <see cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/>.
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/> adds finished statuses that block a
    /// start too. Callers racing to start one new id are not all refused, but the engine runs
    /// only one execution.
    /// </remarks>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance { InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"), ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, Converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };
        // The provider would overwrite a live instance's record while its execution runs on.
        OrchestrationStatus[] dedupe = [.. LiveStatuses.Union(options?.DedupeStatuses?.Select(s => Enum.Parse<OrchestrationStatus>(s, ignoreCase: true)) ?? [])];
        using var span = DurableTaskTracing.StartCreateOrchestration(started);
        try
        {
            await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The type only: a message can quote what was sent.
            span?.SetTag("error.type", ex.GetType().FullName);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            throw;
        }

        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, Converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, Converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs).ConfigureAwait(false);
        return states is { Count: > 0 } ? ToMetadata(states[0], getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var page = await service.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>([.. page.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs))], page.ContinuationToken);
        });

    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return HistoryJson.Read(await service.GetOrchestrationHistoryAsync(instanceId, executionId: null).ConfigureAwait(false));
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, i => i.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, i => i.IsCompleted, cancellation);

    /// <remarks>
    /// Only a finished instance is purged, as in the SDK's own shim: the provider would delete a
    /// live instance's records from under its running execution.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The instance has not finished.</exception>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        switch (await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false))
        {
            case null:
                return new PurgeResult(0);
            case { IsCompleted: false } live:
                throw new InvalidOperationException($"Only a finished instance can be purged; instance '{instanceId}' is {live.RuntimeStatus}.");
        }

        var purged = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(purged.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var range = new CorePurgeFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(ToCore));
        var purged = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(range).ConfigureAwait(false);
        return new PurgeResult(purged.DeletedInstanceCount);
    }

    /// <summary>The service belongs to the host, which disposes it.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => Enum.Parse<OrchestrationStatus>(status.ToString());

    private static TaskFailureDetails? ToSdk(FailureDetails? details) =>
        details is null ? null : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToSdk(details.InnerFailure), null);

    private Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = message });
    }

    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"There is no instance with id '{instanceId}'.");
            if (done(instance))
            {
                return instance;
            }

            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>
    /// The Azure Storage provider keeps no failure details for a failed instance; it stores them as
    /// the output, as "ErrorType: ErrorMessage". Read them back as failure details, as the SDK's
    /// other backends report a failure, and give no output: that text is not JSON.
    /// </summary>
    private static TaskFailureDetails? FailureOf(OrchestrationState state)
    {
        if (state.FailureDetails is not null || state.OrchestrationStatus != OrchestrationStatus.Failed || state.Output is null)
        {
            return ToSdk(state.FailureDetails);
        }

        var colon = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0
            ? new TaskFailureDetails(string.Empty, state.Output, null, null, null)
            : new TaskFailureDetails(state.Output[..colon], state.Output[(colon + 2)..], null, null, null);
    }

    /// <summary>Input, output and custom status only when asked for, as every SDK client does.</summary>
    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = Converter,
        RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(state.OrchestrationStatus.ToString()),
        CreatedAt = new DateTimeOffset(state.CreatedTime, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(state.LastUpdatedTime, TimeSpan.Zero),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads && state.OrchestrationStatus != OrchestrationStatus.Failed ? state.Output : null,
        SerializedCustomStatus = withPayloads ? state.Status : null,
        FailureDetails = FailureOf(state),
        Tags = state.Tags is { } tags ? tags.AsReadOnly() : new Dictionary<string, string>().AsReadOnly(),
    };
}
