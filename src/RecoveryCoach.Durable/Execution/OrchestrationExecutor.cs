using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Execution;

/// <summary>
/// Replays one execution of an orchestrator: feeds it its history event by event, checks that
/// every action it asks for matches what history recorded, and reports the actions that are
/// new and how the execution ended. Nothing here does I/O, so replay is a pure function of the
/// orchestrator code and the history.
/// </summary>
internal sealed class OrchestrationExecutor
{
    private readonly ITaskOrchestrator orchestrator;
    private readonly OrchestrationSynchronizationContext scheduler = new();
    private ReplayContext? context;
    private Task<object?>? run;
    private DateTime? stepTime;

    public OrchestrationExecutor(ITaskOrchestrator orchestrator, string instanceId)
    {
        this.orchestrator = orchestrator;
        InstanceId = instanceId;
    }

    public string InstanceId { get; }

    /// <summary>How the execution ended, once it has.</summary>
    public OrchestrationOutcome? Outcome { get; private set; }

    public string? CustomStatus => context?.CustomStatus;

    /// <summary>Applies one event, running the orchestrator as far as it can go.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">The event contradicts what the code asked for.</exception>
    public void Apply(HistoryEvent historyEvent, bool replaying)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        if (context is not null)
        {
            context.Replaying = replaying;
        }

        scheduler.Run(() => Dispatch(historyEvent, replaying));
        if (run is { IsCompleted: true } && Outcome is null)
        {
            Outcome = OutcomeOf(run);
        }
    }

    /// <summary>Whether the code has cancelled this timer.</summary>
    public bool IsAbandoned(int timerId) => context?.IsAbandoned(timerId) == true;

    /// <summary>Timers cancelled by the code in this step; their rows need not fire.</summary>
    public IReadOnlyList<int> TakeNewlyAbandonedTimers() => context?.TakeNewlyAbandonedTimers() ?? [];

    /// <summary>The actions asked for that history has not recorded yet; the caller records them.</summary>
    public IReadOnlyList<OrchestratorAction> TakeNewActions() =>
        Outcome is null && context is not null ? context.TakeUnrecordedActions() : [];

    private void Dispatch(HistoryEvent historyEvent, bool replaying)
    {
        switch (historyEvent)
        {
            case ExecutionStarted started:
                context = new ReplayContext(InstanceId, started) { Now = stepTime ?? started.Timestamp, Replaying = replaying };
                object? input;
                try
                {
                    input = DataConverter.Deserialize(started.Input, orchestrator.InputType);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    run = Task.FromException<object?>(ex);
                    break;
                }

                run = orchestrator.RunAsync(context, input);
                break;
            case OrchestratorStarted step when context is null:
                // A step begins before the execution it starts: its time is the start time.
                stepTime = step.Timestamp;
                break;
            case OrchestratorStarted step:
                context.Now = step.Timestamp;
                break;
            case TaskScheduled scheduled:
                Require().MatchRecorded(scheduled.TaskId, "activity", scheduled.Name, a => a is ScheduleTaskAction t && t.Name == scheduled.Name);
                break;
            case TimerCreated timer:
                Require().MatchRecorded(timer.TimerId, "timer", timer.FireAt.ToString("o"), a => a is CreateTimerAction);
                break;
            case TaskCompleted completed:
                Require().Complete(completed.TaskId, completed);
                break;
            case TaskFailed failed:
                Require().Complete(failed.TaskId, failed);
                break;
            case TimerFired fired:
                Require().Complete(fired.TimerId, fired);
                break;
            case EventRaised raised:
                Require().Raise(raised);
                break;
        }
    }

    private ReplayContext Require() =>
        context ?? throw new InvalidOperationException($"Instance {InstanceId}: the history does not begin with ExecutionStarted.");

    private OrchestrationOutcome OutcomeOf(Task<object?> finished)
    {
        if (finished.IsFaulted)
        {
            var error = finished.Exception!.InnerExceptions.Count == 1 ? finished.Exception.InnerException! : finished.Exception;
            return new OrchestrationOutcome.Failed(TaskFailureDetails.FromException(error));
        }

        if (finished.IsCanceled)
        {
            return new OrchestrationOutcome.Failed(new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator's task was cancelled."));
        }

        if (context!.ContinueAsNewRequest is { } again)
        {
            return new OrchestrationOutcome.ContinuedAsNew(again.Input, again.PreserveEvents ? context.UnconsumedEvents() : []);
        }

        return new OrchestrationOutcome.Completed(DataConverter.Serialize(finished.Result));
    }
}
