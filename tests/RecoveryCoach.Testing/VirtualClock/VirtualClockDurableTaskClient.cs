using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace RecoveryCoach.Testing.VirtualClock;

/// <summary>
/// The SDK's client over a <see cref="VirtualClockEngine"/>, so a host under test starts,
/// signals and reads journeys exactly as it does on the real engine, including its traps:
/// events for unknown or finished instances are dropped, and payloads come back only with
/// <c>getInputsAndOutputs</c>.
/// </summary>
public sealed class VirtualClockDurableTaskClient(VirtualClockEngine engine, DataConverter converter) : DurableTaskClient("virtual-clock")
{
    private static readonly OrchestrationStatus[] LiveStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        // As the adapter does: a live instance always blocks a start, and DedupeStatuses add to that.
        OrchestrationStatus[] dedupe = [.. LiveStatuses.Union(options?.DedupeStatuses?.Select(s => Enum.Parse<OrchestrationStatus>(s, ignoreCase: true)) ?? [])];
        engine.Start(id, orchestratorName.Name, converter.Serialize(input), dedupe);
        return Task.FromResult(id);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        engine.Send(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName });
        return Task.CompletedTask;
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        engine.Send(instanceId, new ExecutionTerminatedEvent(-1, converter.Serialize(options?.Output)));
        return Task.CompletedTask;
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The journey is never suspended.");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The journey is never suspended.");

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(engine.Find(instanceId) is { } instance ? ToMetadata(instance, getInputsAndOutputs) : null);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create((string? continuation, CancellationToken cancellation) => Task.FromResult(new Page<OrchestrationMetadata>(
            [.. engine.All.Select(i => ToMetadata(i, filter?.FetchInputsAndOutputs ?? false)).Where(i => filter?.Statuses is not { } statuses || statuses.Contains(i.RuntimeStatus))])));

    public override Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Task.FromResult<IList<HistoryEvent>>([.. engine.Find(instanceId)?.History ?? []]);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        UntilAsync(instanceId, getInputsAndOutputs, i => i.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        UntilAsync(instanceId, getInputsAndOutputs, i => i.IsCompleted, cancellation);

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Task.FromResult(new PurgeResult(engine.Remove(instanceId) ? 1 : 0));

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<OrchestrationMetadata> UntilAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"There is no instance with id '{instanceId}'.");
            if (done(instance))
            {
                return instance;
            }

            await Task.Delay(10, cancellation).ConfigureAwait(false);
        }
    }

    private OrchestrationMetadata ToMetadata(VirtualInstance instance, bool withPayloads) => new(instance.Name, instance.Id)
    {
        DataConverter = converter,
        RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(instance.Status.ToString()),
        CreatedAt = instance.CreatedAt,
        LastUpdatedAt = instance.LastUpdatedAt,
        SerializedInput = withPayloads ? instance.Input : null,
        SerializedOutput = withPayloads ? instance.Output : null,
        SerializedCustomStatus = withPayloads ? instance.CustomStatus : null,
        FailureDetails = instance.Failure is { } failure ? new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, null, null) : null,
    };
}
