using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;

namespace RecoveryCoach.Testing.VirtualClock;

/// <summary>
/// One orchestration instance of the <see cref="VirtualClockEngine"/>: its history, the events
/// waiting to be replayed into it, and what its last step left (status, output, custom status).
/// Only the engine's pump touches it, one step at a time.
/// </summary>
internal sealed class VirtualInstance(string id, string name, string executionId, DateTimeOffset createdAt)
{
    private readonly Queue<HistoryEvent> inbox = new();
    private List<HistoryEvent> history = [];

    public string Id => id;

    public string Name => name;

    public string ExecutionId => executionId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastUpdatedAt { get; private set; } = createdAt;

    public OrchestrationStatus Status { get; private set; } = OrchestrationStatus.Pending;

    public string? Input { get; private set; }

    public string? Output { get; private set; }

    public string? CustomStatus { get; private set; }

    public FailureDetails? Failure { get; private set; }

    public bool IsFinished => Status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated;

    /// <summary>The history as DTFx would store it, oldest first.</summary>
    public IReadOnlyList<HistoryEvent> History
    {
        get
        {
            lock (inbox)
            {
                return [.. history];
            }
        }
    }

    public void Deliver(HistoryEvent message)
    {
        lock (inbox)
        {
            if (message is ExecutionStartedEvent started)
            {
                Input = started.Input;
            }

            inbox.Enqueue(message);
        }
    }

    /// <summary>
    /// Replays the orchestrator over the history with the waiting events as one new episode
    /// starting at <paramref name="now"/>, exactly as DTFx's dispatcher does, and records what it
    /// asked for. Returns those actions so the engine can run activities and set timers.
    /// </summary>
    public IReadOnlyList<OrchestratorAction> Step(Func<TaskOrchestration> create, DateTime now)
    {
        HistoryEvent[] arrived;
        lock (inbox)
        {
            arrived = [.. inbox];
            inbox.Clear();
        }

        if (arrived.Length == 0 || IsFinished)
        {
            return [];
        }

        if (arrived.OfType<ExecutionTerminatedEvent>().FirstOrDefault() is { } terminated)
        {
            return Finish(now, [.. history, new OrchestratorStartedEvent(-1) { Timestamp = now }, terminated, new ExecutionCompletedEvent(-1, terminated.Input, OrchestrationStatus.Terminated) { Timestamp = now }], OrchestrationStatus.Terminated, terminated.Input, null);
        }

        var state = new OrchestrationRuntimeState(history);
        state.AddEvent(new OrchestratorStartedEvent(-1) { Timestamp = now });
        foreach (var message in arrived)
        {
            message.Timestamp = now;
            state.AddEvent(message);
        }

        var result = new TaskOrchestrationExecutor(state, create(), BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
        var actions = result.Actions.ToList();
        foreach (var action in actions)
        {
            state.AddEvent(action switch
            {
                ScheduleTaskOrchestratorAction task => new TaskScheduledEvent(task.Id, task.Name ?? string.Empty, task.Version, task.Input) { Timestamp = now },
                CreateTimerOrchestratorAction timer => new TimerCreatedEvent(timer.Id, timer.FireAt) { Timestamp = now },
                OrchestrationCompleteOrchestratorAction { OrchestrationStatus: OrchestrationStatus.ContinuedAsNew } =>
                    throw new NotSupportedException("The virtual clock engine does not run continue-as-new; the journey never uses it."),
                OrchestrationCompleteOrchestratorAction done => new ExecutionCompletedEvent(done.Id, done.Result, done.OrchestrationStatus, done.FailureDetails) { Timestamp = now },
                _ => throw new NotSupportedException($"The virtual clock engine does not run {action.GetType().Name}."),
            });
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1) { Timestamp = now });
        CustomStatus = result.CustomStatus;
        if (actions.OfType<OrchestrationCompleteOrchestratorAction>().FirstOrDefault() is { } complete)
        {
            Finish(now, state.Events, complete.OrchestrationStatus, complete.Result, complete.FailureDetails);
        }
        else
        {
            Commit(now, state.Events, OrchestrationStatus.Running);
        }

        return actions;
    }

    /// <summary>The engine could not step the instance; it shows as failed with the reason.</summary>
    public void Fail(Exception exception, DateTime now)
    {
        Failure = new FailureDetails(exception);
        Commit(now, History.ToList(), OrchestrationStatus.Failed);
    }

    private OrchestratorAction[] Finish(DateTime now, IList<HistoryEvent> events, OrchestrationStatus status, string? output, FailureDetails? failure)
    {
        Output = output;
        Failure = failure;
        Commit(now, events, status);
        return [];
    }

    private void Commit(DateTime now, IList<HistoryEvent> events, OrchestrationStatus status)
    {
        lock (inbox)
        {
            history = [.. events];
        }

        Status = status;
        LastUpdatedAt = new DateTimeOffset(now, TimeSpan.Zero);
    }
}
