using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCoach.DurableTask.Client;

namespace RecoveryCoach.Testing.Replay;

/// <summary>
/// Replays a history recorded by the real engine against today's orchestrator code, one episode
/// at a time, as DTFx does after every event: the events before the episode are the past, the
/// episode's arrivals (start, activity results, timers, signals) are new, and what the code asks
/// for now must be exactly what it asked for then: each activity by id and name, each timer with
/// its time, the completion with its output. That is stricter than DTFx, which checks only the
/// activities. Activity inputs are compared where the history kept them; the Azure Storage
/// provider leaves them out by default, since replay does not need them.
/// </summary>
public static class HistoryReplay
{
    /// <param name="historyJson">The history as the Azure Storage provider hands it out (see <see cref="HistoryJson"/>).</param>
    /// <returns>One line per episode that no longer replays as recorded; none when the code still fits the history.</returns>
    public static IReadOnlyList<string> Differences(string historyJson, TaskName name, Func<ITaskOrchestrator> create, DataConverter converter)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, NullLoggerFactory.Instance);
        var history = HistoryJson.Read(historyJson);
        var differences = new List<string>();
        var episode = 0;
        for (var start = 0; start < history.Count; start++)
        {
            if (history[start] is not OrchestratorStartedEvent)
            {
                continue;
            }

            episode++;
            var end = Enumerable.Range(start, history.Count - start).FirstOrDefault(i => history[i] is OrchestratorCompletedEvent, history.Count);
            var fresh = HistoryJson.Read(historyJson);
            var state = new OrchestrationRuntimeState(fresh.Take(start).ToList());
            foreach (var arrival in fresh.Skip(start).Take(end - start).Where(IsArrival))
            {
                state.AddEvent(arrival);
            }

            var result = new TaskOrchestrationExecutor(state, shims.CreateOrchestration(name, create(), parent: null), BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
            var then = history.Skip(start).Take(end - start).Where(e => !IsArrival(e) && e is not OrchestratorCompletedEvent).ToList();
            var inputsKept = then.OfType<TaskScheduledEvent>().Any(t => t.Input is not null);
            var now = result.Actions.Select(a => Describe(a, inputsKept)).ToList();
            if (!now.SequenceEqual(then.Select(Describe)))
            {
                differences.Add($"episode {episode} (at {history[start].Timestamp:O}): recorded [{string.Join("; ", then.Select(Describe))}], now [{string.Join("; ", now)}]");
            }
        }

        return differences;
    }

    /// <summary>What reaches an instance from outside; everything else in an episode is what the code asked for.</summary>
    private static bool IsArrival(HistoryEvent e) =>
        e is OrchestratorStartedEvent or ExecutionStartedEvent or EventRaisedEvent or TaskCompletedEvent or TaskFailedEvent or TimerFiredEvent or ExecutionTerminatedEvent;

    private static string Describe(OrchestratorAction action, bool withInput) => action switch
    {
        ScheduleTaskOrchestratorAction task => Activity(task.Id, task.Name, withInput ? task.Input : null),
        CreateTimerOrchestratorAction timer => Timer(timer.Id, timer.FireAt),
        OrchestrationCompleteOrchestratorAction done => Completion(done.OrchestrationStatus, done.Result, done.FailureDetails),
        _ => action.GetType().Name,
    };

    private static string Describe(HistoryEvent recorded) => recorded switch
    {
        TaskScheduledEvent task => Activity(task.EventId, task.Name, task.Input),
        TimerCreatedEvent timer => Timer(timer.EventId, timer.FireAt),
        ExecutionCompletedEvent done => Completion(done.OrchestrationStatus, done.Result, done.FailureDetails),
        _ => recorded.EventType.ToString(),
    };

    private static string Activity(int id, string? name, string? input) => $"#{id} {name}({input})";

    private static string Timer(int id, DateTime fireAt) => string.Create(CultureInfo.InvariantCulture, $"#{id} timer {fireAt:O}");

    private static string Completion(OrchestrationStatus status, string? result, FailureDetails? failure) =>
        failure is null ? $"{status} {result}" : $"{status} {failure.ErrorType}: {failure.ErrorMessage}";
}
