using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;

namespace RecoveryCoach.Web.Management;

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
                ExecutionStartedEvent started => $"Started {started.Name}",
                TaskScheduledEvent scheduled => Remember(taskNames, scheduled),
                TaskCompletedEvent completed => $"Activity {NameOf(taskNames, completed.TaskScheduledId)} (#{completed.TaskScheduledId}) completed",
                TaskFailedEvent failed => $"Activity {NameOf(taskNames, failed.TaskScheduledId)} (#{failed.TaskScheduledId}) failed: {failed.FailureDetails?.ErrorType}",
                TimerCreatedEvent timer => $"Timer #{timer.EventId} set for {timer.FireAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
                TimerFiredEvent fired => $"Timer #{fired.TimerId} fired",
                EventRaisedEvent raised => $"Event {raised.Name} received",
                ContinueAsNewEvent => "Continued as new",
                ExecutionCompletedEvent { OrchestrationStatus: OrchestrationStatus.Failed } failed => $"Failed: {failed.FailureDetails?.ErrorType}: {failed.FailureDetails?.ErrorMessage}",
                ExecutionCompletedEvent => "Completed",
                ExecutionTerminatedEvent => "Terminated",
                _ => null,
            };
            if (what is not null)
            {
                entries.Add(new TimelineEntry(historyEvent.Timestamp, what));
            }
        }

        return entries;
    }

    private static string Remember(Dictionary<int, string> taskNames, TaskScheduledEvent scheduled)
    {
        taskNames[scheduled.EventId] = scheduled.Name ?? "?";
        return $"Activity {scheduled.Name} (#{scheduled.EventId}) scheduled";
    }

    private static string NameOf(Dictionary<int, string> taskNames, int taskId) =>
        taskNames.TryGetValue(taskId, out var name) ? name : "?";
}
