using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;

namespace RecoveryCoach.Testing.VirtualClock;

/// <summary>
/// Runs the real orchestrators and activities of a <see cref="DurableTaskRegistry"/> on a clock
/// the test moves, so a journey of weeks runs in seconds. Each step is DTFx's own
/// <see cref="TaskOrchestrationExecutor"/> replaying the SDK orchestrator (through the SDK's shim
/// factory) over the instance's history, as the Azure Storage provider's worker does; activities
/// run for real, with the host's services. Only the history lives in memory, and timers fire
/// when the clock passes them instead of on the wall clock.
/// </summary>
public sealed class VirtualClockEngine : IAsyncDisposable
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> orchestrators;
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> activities;
    private readonly ConcurrentDictionary<string, VirtualInstance> instances = new(StringComparer.Ordinal);
    private readonly Channel<string> due = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentBag<ITimer> timers = [];
    private readonly IServiceProvider services;
    private readonly TimeProvider clock;
    private readonly DurableTaskShimFactory shims;
    private readonly Task pump;

    /// <summary>Steps waiting or running, and activities running: work due now that a move of the clock must not overtake.</summary>
    private int busy;

    public VirtualClockEngine(DurableTaskRegistry registry, IServiceProvider services, TimeProvider clock, DataConverter converter, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        orchestrators = registry.GetOrchestrators().ToDictionary(o => o.Key, o => o.Value);
        activities = registry.GetActivities().ToDictionary(a => a.Key, a => a.Value);
        this.services = services;
        this.clock = clock;
        shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        pump = Task.Run(PumpAsync);
    }

    /// <summary>
    /// Completes once everything due at the current time has been done: every message stepped,
    /// every activity it started finished and its result stepped. Move the clock only then, as
    /// a real worker would have done all of it before that much time passed.
    /// </summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref busy) > 0)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    internal VirtualInstance? Find(string instanceId) => instances.GetValueOrDefault(instanceId);

    internal IEnumerable<VirtualInstance> All => instances.Values;

    internal DateTimeOffset Now => clock.GetUtcNow();

    internal void Start(string instanceId, string name, string? input, OrchestrationStatus[] dedupe)
    {
        var instance = new VirtualInstance(instanceId, name, Guid.NewGuid().ToString("N"), clock.GetUtcNow());
        if (!instances.TryAdd(instanceId, instance))
        {
            var existing = instances[instanceId];
            if (dedupe.Contains(existing.Status))
            {
                throw new OrchestrationAlreadyExistsException($"An orchestration with id '{instanceId}' is already {existing.Status}.");
            }

            instances[instanceId] = instance;
        }

        Send(instanceId, new ExecutionStartedEvent(-1, input)
        {
            Name = name,
            Version = string.Empty,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = instance.ExecutionId },
        });
    }

    /// <summary>Delivers a message as DTFx would: one for an unknown or finished instance is dropped.</summary>
    internal void Send(string instanceId, HistoryEvent message)
    {
        if (instances.TryGetValue(instanceId, out var instance) && !instance.IsFinished)
        {
            instance.Deliver(message);
            Interlocked.Increment(ref busy);
            if (!due.Writer.TryWrite(instanceId))
            {
                Interlocked.Decrement(ref busy);
            }
        }
    }

    internal bool Remove(string instanceId) => instances.TryRemove(instanceId, out _);

    public async ValueTask DisposeAsync()
    {
        due.Writer.TryComplete();
        await pump.ConfigureAwait(false);
        foreach (var timer in timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var instanceId in due.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!instances.TryGetValue(instanceId, out var instance))
            {
                Interlocked.Decrement(ref busy);
                continue;
            }

            try
            {
                foreach (var action in instance.Step(() => Orchestration(instance.Name), clock.GetUtcNow().UtcDateTime))
                {
                    switch (action)
                    {
                        case ScheduleTaskOrchestratorAction task:
                            Interlocked.Increment(ref busy);
                            _ = Task.Run(() => RunActivityAsync(instance, task));
                            break;
                        case CreateTimerOrchestratorAction timer:
                            SetTimer(instance.Id, timer);
                            break;
                    }
                }
            }
#pragma warning disable CA1031 // A step that throws is the engine's own failure: the instance shows it, so the test that waits on it says why.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                instance.Fail(ex, clock.GetUtcNow().UtcDateTime);
            }

            Interlocked.Decrement(ref busy);
        }
    }

    private TaskOrchestration Orchestration(string name) =>
        orchestrators.TryGetValue(name, out var create)
            ? shims.CreateOrchestration(name, create(services), parent: null)
            : throw new InvalidOperationException($"No orchestrator named '{name}' is registered.");

    private async Task RunActivityAsync(VirtualInstance instance, ScheduleTaskOrchestratorAction task)
    {
        HistoryEvent outcome;
        try
        {
            var name = task.Name ?? string.Empty;
            var activity = activities.TryGetValue(name, out var create)
                ? shims.CreateActivity(name, create(services))
                : throw new InvalidOperationException($"No activity named '{task.Name}' is registered.");
            var context = new TaskContext(new OrchestrationInstance { InstanceId = instance.Id, ExecutionId = instance.ExecutionId }, name, task.Version, task.Id);
            outcome = new TaskCompletedEvent(-1, task.Id, await activity.RunAsync(context, task.Input).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Every activity failure becomes TaskFailed, as DTFx's activity dispatcher does.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = new TaskFailedEvent(-1, task.Id, null, null, new FailureDetails(ex));
        }

        Send(instance.Id, outcome);
        Interlocked.Decrement(ref busy);
    }

    private void SetTimer(string instanceId, CreateTimerOrchestratorAction timer)
    {
        var fired = new TimerFiredEvent(-1, timer.FireAt) { TimerId = timer.Id };
        var wait = timer.FireAt - clock.GetUtcNow().UtcDateTime;
        if (wait <= TimeSpan.Zero)
        {
            Send(instanceId, fired);
            return;
        }

        timers.Add(clock.CreateTimer(_ => Send(instanceId, fired), null, wait, Timeout.InfiniteTimeSpan));
    }
}
