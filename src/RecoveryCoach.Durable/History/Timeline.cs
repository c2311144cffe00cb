using System.Globalization;

namespace RecoveryCoach.Durable.History;

/// <summary>One line of an instance's timeline.</summary>
public sealed record TimelineEntry(DateTime At, string What);

/// <summary>
/// An instance's history as lines a person can read: what happened and when, without the
/// payloads, which may hold personal data.
/// </summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Of(IEnumerable<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = new List<TimelineEntry>();
        var taskNames = new Dictionary<int, string>();
        foreach (var historyEvent in history)
        {
            var what = historyEvent switch
            {
                ExecutionStarted started => $"Started {started.Name} version {started.Version}",
                TaskScheduled scheduled => Remember(taskNames, scheduled),
                TaskCompleted completed => $"Activity {NameOf(taskNames, completed.TaskId)} (#{completed.TaskId}) completed",
                TaskFailed failed => $"Activity {NameOf(taskNames, failed.TaskId)} (#{failed.TaskId}) failed: {failed.Failure.ErrorType}",
                TimerCreated timer => $"Timer #{timer.TimerId} set for {timer.FireAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
                TimerFired fired => $"Timer #{fired.TimerId} fired",
                EventRaised raised => $"Event {raised.Name} received",
                ExecutionCompleted => "Completed",
                ExecutionFailed failed => $"Failed: {failed.Failure.ErrorType}: {failed.Failure.ErrorMessage}",
                ExecutionTerminated terminated => $"Terminated: {terminated.Reason}",
                ContinuedAsNew => "Continued as new",
                _ => null,
            };
            if (what is not null)
            {
                entries.Add(new TimelineEntry(historyEvent.Timestamp, what));
            }
        }

        return entries;
    }

    private static string Remember(Dictionary<int, string> taskNames, TaskScheduled scheduled)
    {
        taskNames[scheduled.TaskId] = scheduled.Name;
        return $"Activity {scheduled.Name} (#{scheduled.TaskId}) scheduled";
    }

    private static string NameOf(Dictionary<int, string> taskNames, int taskId) =>
        taskNames.TryGetValue(taskId, out var name) ? name : "?";
}
