using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable;

/// <summary>What replaying a recorded history through today's orchestrator code produced.</summary>
/// <param name="Status">Completed or Failed when the code ends the execution, Running when it waits.</param>
/// <param name="Output">The serialised result, when completed.</param>
/// <param name="Failure">Why it failed, when it failed.</param>
/// <param name="PendingActions">What the code would do next, such as <c>activity SendEmail</c> or <c>timer 2026-03-01T09:00:00Z</c>.</param>
public sealed record ReplayResult(OrchestrationRuntimeStatus Status, string? Output, TaskFailureDetails? Failure, IReadOnlyList<string> PendingActions);

/// <summary>
/// Replays a recorded history through orchestrator code without storage, exactly as a worker
/// would. Keep histories of real instances beside the code and replay them in tests: a change
/// that would break a running instance fails the build, not the instance.
/// </summary>
public static class OrchestrationReplayer
{
    /// <exception cref="NonDeterministicOrchestrationException">The code no longer matches the history.</exception>
    public static ReplayResult Replay(ITaskOrchestrator orchestrator, string instanceId, IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var executor = new Execution.OrchestrationExecutor(orchestrator, instanceId);
        foreach (var historyEvent in history)
        {
            executor.Apply(historyEvent, replaying: true);
        }

        var pending = executor.TakeNewActions().Select(a => a switch
        {
            Execution.ScheduleTaskAction task => $"activity {task.Name}",
            Execution.CreateTimerAction timer => $"timer {timer.FireAt:o}",
            _ => a.GetType().Name,
        }).ToList();
        return executor.Outcome switch
        {
            Execution.OrchestrationOutcome.Completed done => new ReplayResult(OrchestrationRuntimeStatus.Completed, done.Result, null, pending),
            Execution.OrchestrationOutcome.Failed failed => new ReplayResult(OrchestrationRuntimeStatus.Failed, null, failed.Failure, pending),
            Execution.OrchestrationOutcome.ContinuedAsNew again => new ReplayResult(OrchestrationRuntimeStatus.ContinuedAsNew, again.Input, null, pending),
            _ => new ReplayResult(OrchestrationRuntimeStatus.Running, null, null, pending),
        };
    }
}
