using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Durable.Execution;
using RecoveryCoach.Durable.History;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Worker;

/// <summary>
/// Takes one instance one step forward: load its history, replay the orchestrator over it,
/// apply the new events, run the activities it asks for right here, and repeat until it waits
/// on a timer or an event or ends; then commit everything in one append guarded by the
/// history's sentinel ETag. Running activities in the worker that runs their orchestration
/// spares a queue round trip per activity; they still run at least once, because a step that
/// fails to commit is replayed and its activities run again.
/// </summary>
internal sealed class InstanceStepper(
    DurableTaskRegistry registry,
    HistoryStore history,
    InstanceStore instances,
    TimerStore timers,
    AbandonedTimers abandonedTimers,
    WorkerSignal signal,
    IServiceProvider services,
    TimeProvider clock,
    DurableTaskOptions options,
    ILogger<InstanceStepper> logger) : IDisposable
{
    private readonly SemaphoreSlim activitySlots = new(options.MaxConcurrentActivityFunctions);

    public void Dispose() => activitySlots.Dispose();

    /// <summary>Applies <paramref name="incoming"/> to the instance and commits the step.</summary>
    /// <exception cref="HistoryConflictException">Another worker committed first; retry with the same events.</exception>
    public async Task StepAsync(string instanceId, IReadOnlyList<HistoryEvent> incoming, CancellationToken cancellationToken)
    {
        var loading = history.LoadAsync(instanceId, cancellationToken);
        var reading = instances.GetVersionAsync(instanceId, cancellationToken);
        await Task.WhenAll(loading, reading).ConfigureAwait(false);
        var current = await loading.ConfigureAwait(false);
        var read = await reading.ConfigureAwait(false);
        var fresh = incoming
            .Where(e => e.MessageId is null || !current.MessageIds.Contains(e.MessageId))
            .DistinctBy(e => e.MessageId ?? Guid.NewGuid().ToString())
            .ToList();

        if (!current.Exists)
        {
            if (fresh.OfType<ExecutionStarted>().FirstOrDefault() is not { } started)
            {
                // Not started yet: keep events until it is, never drop them.
                foreach (var early in fresh.Where(e => e is EventRaised or ExecutionTerminated))
                {
                    await history.BufferAsync(instanceId, early, cancellationToken).ConfigureAwait(false);
                }

                logger.EventsBuffered(instanceId, fresh.Count);
                return;
            }

            fresh = [started, .. current.Buffered.Select(b => b.Event).Where(e => e.MessageId is null || !fresh.Any(f => f.MessageId == e.MessageId)), .. fresh.Where(e => e != started)];
        }
        else if (current.IsTerminal || fresh.Count == 0)
        {
            if (fresh.Count > 0)
            {
                logger.MessagesDropped(instanceId, fresh.Count);
            }

            await CatchUpAsync(current, read, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RunAsync(current, read, fresh, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes a step whose history was committed but whose later writes were not: the worker
    /// died, or storage failed, between the append and the Instances write, or between a
    /// continue-as-new and the next execution. The step's messages come back, are recognised as
    /// recorded, and bring the instance here; without this it would show a stale status, or
    /// never start its next execution.
    /// </summary>
    private async Task CatchUpAsync(InstanceHistory current, InstanceVersion read, CancellationToken cancellationToken)
    {
        if (read.HistorySequence >= current.NextSequence || current.Started is not { } started)
        {
            return;
        }

        var orchestrator = registry.CreateOrchestrator(started.Name, started.Version)
            ?? throw new InvalidOperationException($"Orchestrator '{started.Name}' version {started.Version} is not registered in this worker.");
        var executor = new OrchestrationExecutor(orchestrator, current.InstanceId);
        try
        {
            foreach (var past in current.Events)
            {
                executor.Apply(past, replaying: true);
            }
        }
        catch (NonDeterministicOrchestrationException)
        {
            // The history ends in the failure this raised; the status below says so.
        }

        if (current.Events[^1] is ContinuedAsNew && executor.Outcome is OrchestrationOutcome.ContinuedAsNew again)
        {
            logger.StepResumed(current.InstanceId);
            await history.DeleteEarlierExecutionsAsync(current.InstanceId, started.ExecutionId, cancellationToken).ConfigureAwait(false);
            await RunAsync(current with { Events = [], MessageIds = new HashSet<string>() }, read, [NextExecution(started, again), .. again.CarriedEvents], cancellationToken).ConfigureAwait(false);
            return;
        }

        var (status, output, failure) = current.Events[^1] switch
        {
            ExecutionCompleted completed => (OrchestrationRuntimeStatus.Completed, completed.Result, null),
            ExecutionFailed failed => (OrchestrationRuntimeStatus.Failed, null, failed.Failure),
            ExecutionTerminated terminated => (OrchestrationRuntimeStatus.Terminated, DataConverter.Serialize(terminated.Reason), null),
            _ => (OrchestrationRuntimeStatus.Running, (string?)null, (TaskFailureDetails?)null),
        };
        logger.StepResumed(current.InstanceId);
        var update = new InstanceStatusUpdate(status, output, executor.CustomStatus, failure, clock.GetUtcNow());
        await instances.UpdateAsync(current.InstanceId, current.ExecutionId, update, current.NextSequence, read, cancellationToken).ConfigureAwait(false);
    }

    private ExecutionStarted NextExecution(ExecutionStarted started, OrchestrationOutcome.ContinuedAsNew again) =>
        new(started.Name, started.Version, again.Input, Guid.NewGuid().ToString("N")) { Timestamp = clock.GetUtcNow().UtcDateTime };

    private async Task RunAsync(InstanceHistory current, InstanceVersion read, List<HistoryEvent> incoming, CancellationToken cancellationToken)
    {
        var instanceId = current.InstanceId;
        var consumed = current.Buffered;
        while (true)
        {
            var started = current.Started ?? incoming.OfType<ExecutionStarted>().First();
            var executionId = started.ExecutionId;
            var step = new Step(started, clock.GetUtcNow().UtcDateTime);
            var orchestrator = registry.CreateOrchestrator(started.Name, started.Version)
                ?? throw new InvalidOperationException($"Orchestrator '{started.Name}' version {started.Version} is not registered in this worker.");
            var executor = new OrchestrationExecutor(orchestrator, instanceId);

            try
            {
                foreach (var past in current.Events)
                {
                    executor.Apply(past, replaying: true);
                }

                if (!step.Record(executor, new OrchestratorStarted { Timestamp = step.Now }, incoming))
                {
                    await ExecuteAsync(executor, step, instanceId, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                step.Fail(TaskFailureDetails.FromException(ex));
                logger.InstanceFailed(instanceId, ex.Message);
            }

            step.Timers.RemoveAll(t => executor.IsAbandoned(t.TimerId));
            if (step.Timers.Count > 0)
            {
                await timers.AddAsync(instanceId, executionId, step.Timers, cancellationToken).ConfigureAwait(false);
            }

            current = await history.AppendAsync(current, executionId, step.Events, consumed, cancellationToken).ConfigureAwait(false);
            consumed = [];
            var update = new InstanceStatusUpdate(step.Status, step.Output, executor.CustomStatus, step.Failure, clock.GetUtcNow());
            read = await instances.UpdateAsync(instanceId, executionId, update, current.NextSequence, read, cancellationToken).ConfigureAwait(false);
            logger.StepCommitted(instanceId, step.Events.Count, step.Status);
            if (step.Timers.Count > 0)
            {
                signal.TimerCreated(step.Timers.Min(t => t.FireAt));
            }

            ForgetAbandonedTimers(executor, current, executionId, step);

            if (executor.Outcome is not OrchestrationOutcome.ContinuedAsNew again)
            {
                return;
            }

            // Start the next execution in this same step; its history replaces the last one's.
            await history.DeleteEarlierExecutionsAsync(instanceId, executionId, cancellationToken).ConfigureAwait(false);
            current = current with { Events = [], MessageIds = new HashSet<string>() };
            incoming = [NextExecution(started, again), .. again.CarriedEvents];
        }
    }

    /// <summary>
    /// Hands the rows of timers the orchestrator cancelled in this step, that earlier steps wrote,
    /// to the background deleter, so they never wake a worker for nothing.
    /// </summary>
    private void ForgetAbandonedTimers(OrchestrationExecutor executor, InstanceHistory committed, string executionId, Step step)
    {
        var abandoned = executor.TakeNewlyAbandonedTimers().ToHashSet();
        foreach (var timer in committed.Events.OfType<TimerCreated>().Where(t => abandoned.Contains(t.TimerId) && !step.Events.Contains(t)))
        {
            abandonedTimers.Add(committed.InstanceId, executionId, timer.TimerId, timer.FireAt);
        }
    }

    /// <summary>Runs activities locally and feeds their results back until the orchestrator waits or ends.</summary>
    private async Task ExecuteAsync(OrchestrationExecutor executor, Step step, string instanceId, CancellationToken cancellationToken)
    {
        while (executor.Outcome is null)
        {
            var tasks = new List<ScheduleTaskAction>();
            var dueTimers = new List<CreateTimerAction>();
            foreach (var action in executor.TakeNewActions())
            {
                switch (action)
                {
                    case ScheduleTaskAction task:
                        step.Events.Add(new TaskScheduled(task.Id, task.Name, task.Input) { Timestamp = step.Now });
                        tasks.Add(task);
                        break;
                    case CreateTimerAction timer:
                        step.Events.Add(new TimerCreated(timer.Id, timer.FireAt) { Timestamp = step.Now });
                        if (executor.IsAbandoned(timer.Id))
                        {
                            // Created and cancelled in this same step: history records it, but it never needs to fire.
                        }
                        else if (timer.FireAt <= clock.GetUtcNow().UtcDateTime)
                        {
                            dueTimers.Add(timer);
                        }
                        else
                        {
                            step.Timers.Add((timer.Id, timer.FireAt));
                        }

                        break;
                }
            }

            if (tasks.Count == 0 && dueTimers.Count == 0)
            {
                return;
            }

            var results = await RunActivitiesAsync(tasks, instanceId, cancellationToken).ConfigureAwait(false);
            step.Now = clock.GetUtcNow().UtcDateTime;
            var outcomes = results.Concat(dueTimers.Select(t => (HistoryEvent)new TimerFired(t.Id, t.FireAt) { Timestamp = step.Now, MessageId = TimerStore.MessageIdOf(step.ExecutionId, t.Id) }));
            if (step.Record(executor, new OrchestratorStarted { Timestamp = step.Now }, [.. outcomes]))
            {
                return;
            }
        }
    }

    /// <summary>Runs activities side by side, returning their outcomes in the order they finished.</summary>
    private async Task<List<HistoryEvent>> RunActivitiesAsync(List<ScheduleTaskAction> tasks, string instanceId, CancellationToken cancellationToken)
    {
        var finished = new List<HistoryEvent>(tasks.Count);
        var running = tasks.Select(t => RunActivityAsync(t, instanceId, cancellationToken)).ToList();
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            finished.Add(await done.ConfigureAwait(false));
        }

        return finished;
    }

    private async Task<HistoryEvent> RunActivityAsync(ScheduleTaskAction task, string instanceId, CancellationToken cancellationToken)
    {
        await activitySlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var activity = registry.CreateActivity(task.Name, scope.ServiceProvider);
            if (activity is null)
            {
                return Failed(task, new TaskFailureDetails("ActivityNotFound", $"Activity '{task.Name}' is not registered in this worker."));
            }

            var input = DataConverter.Deserialize(task.Input, activity.InputType);
            var result = await activity.RunAsync(new TaskActivityContext(task.Name, instanceId, task.Id, cancellationToken), input).ConfigureAwait(false);
            return new TaskCompleted(task.Id, DataConverter.Serialize(result)) { Timestamp = clock.GetUtcNow().UtcDateTime };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(task, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            activitySlots.Release();
        }
    }

    private TaskFailed Failed(ScheduleTaskAction task, TaskFailureDetails failure) =>
        new TaskFailed(task.Id, failure) { Timestamp = clock.GetUtcNow().UtcDateTime };

    /// <summary>What one step adds: the events to append, the timers to write, and where the instance ends up.</summary>
    private sealed class Step(ExecutionStarted started, DateTime now)
    {
        public DateTime Now { get; set; } = now;

        public string ExecutionId => started.ExecutionId;

        public List<HistoryEvent> Events { get; } = [];

        public List<(int TimerId, DateTime FireAt)> Timers { get; } = [];

        public OrchestrationRuntimeStatus Status { get; private set; } = OrchestrationRuntimeStatus.Running;

        public string? Output { get; private set; }

        public TaskFailureDetails? Failure { get; private set; }

        /// <summary>Records and applies events; true when the step is over (the instance ended or was terminated).</summary>
        public bool Record(OrchestrationExecutor executor, OrchestratorStarted stepStarted, IReadOnlyList<HistoryEvent> events)
        {
            Events.Add(stepStarted);
            executor.Apply(stepStarted, replaying: false);
            foreach (var historyEvent in events)
            {
                if (historyEvent is ExecutionTerminated terminated)
                {
                    Events.Add(terminated with { Timestamp = Now });
                    Status = OrchestrationRuntimeStatus.Terminated;
                    Output = DataConverter.Serialize(terminated.Reason);
                    return true;
                }

                Events.Add(historyEvent);
                executor.Apply(historyEvent, replaying: false);
            }

            return End(executor);
        }

        public void Fail(TaskFailureDetails failure)
        {
            Events.Add(new ExecutionFailed(failure) { Timestamp = Now });
            Status = OrchestrationRuntimeStatus.Failed;
            Failure = failure;
        }

        private bool End(OrchestrationExecutor executor)
        {
            switch (executor.Outcome)
            {
                case OrchestrationOutcome.Completed completed:
                    Events.Add(new ExecutionCompleted(completed.Result) { Timestamp = Now });
                    Status = OrchestrationRuntimeStatus.Completed;
                    Output = completed.Result;
                    return true;
                case OrchestrationOutcome.Failed failed:
                    Fail(failed.Failure);
                    return true;
                case OrchestrationOutcome.ContinuedAsNew again:
                    Events.Add(new ContinuedAsNew(again.Input) { Timestamp = Now });
                    Status = OrchestrationRuntimeStatus.ContinuedAsNew;
                    return true;
                default:
                    return false;
            }
        }
    }
}
