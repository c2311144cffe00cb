using System.Diagnostics;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;

namespace RecoveryCoach.DurableTask;

/// <summary>
/// The adapter's part in a journey's trace. DTFx's own <see cref="global::DurableTask.Core.TaskHubClient"/> opens a span
/// when it queues a new orchestration and writes its trace context on the start message; the
/// worker then opens the orchestration's span under it, and each activity's under that. This
/// client writes the start message itself, so it does the same, with DTFx's span name and tags.
/// </summary>
public static class DurableTaskTracing
{
    /// <summary>The <see cref="ActivitySource"/> of the adapter's spans; DTFx's own is <see cref="DurableTaskCoreSource"/>.</summary>
    public const string SourceName = "RecoveryCoach.DurableTask";

    /// <summary>The source DTFx (DurableTask.Core 3.x) opens orchestration, activity and timer spans on.</summary>
    public const string DurableTaskCoreSource = "DurableTask.Core";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Opens a producer span for queuing <paramref name="started"/> under the current span, and
    /// writes its context on the message. With no span to carry on, the message carries none,
    /// and DTFx traces nothing of that orchestration, as with its own client.
    /// </summary>
    internal static Activity? StartCreateOrchestration(ExecutionStartedEvent started)
    {
        var span = Source.StartActivity($"create_orchestration:{started.Name}", ActivityKind.Producer);
        span?.SetTag("durabletask.type", "orchestration");
        span?.SetTag("durabletask.task.name", started.Name);
        span?.SetTag("durabletask.task.instance_id", started.OrchestrationInstance.InstanceId);
        span?.SetTag("durabletask.task.execution_id", started.OrchestrationInstance.ExecutionId);
        if ((span ?? Activity.Current) is { Id: { } id } parent)
        {
            started.ParentTraceContext = new DistributedTraceContext(id, parent.TraceStateString);
        }

        return span;
    }
}
