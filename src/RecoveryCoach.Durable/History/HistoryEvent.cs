using System.Text.Json.Serialization;

namespace RecoveryCoach.Durable.History;

/// <summary>
/// One event in an instance's history. The history is the instance: replaying these events
/// through the orchestrator code rebuilds its state exactly.
/// </summary>
/// <remarks>
/// <see cref="MessageId"/> identifies the message an event came from, so a message delivered
/// twice is recognised and recorded once.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
[JsonDerivedType(typeof(ExecutionFailed), nameof(ExecutionFailed))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ContinuedAsNew), nameof(ContinuedAsNew))]
public abstract record HistoryEvent
{
    public DateTime Timestamp { get; init; }

    public string? MessageId { get; init; }
}

/// <summary>The instance began: which orchestrator, which version, with what input.</summary>
public sealed record ExecutionStarted(string Name, string Version, string? Input, string ExecutionId) : HistoryEvent;

/// <summary>A step began at <see cref="HistoryEvent.Timestamp"/>, which is the orchestrator's current time until the next one.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

public sealed record TaskCompleted(int TaskId, string? Result) : HistoryEvent;

public sealed record TaskFailed(int TaskId, TaskFailureDetails Failure) : HistoryEvent;

public sealed record TimerCreated(int TimerId, DateTime FireAt) : HistoryEvent;

public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

public sealed record ExecutionCompleted(string? Result) : HistoryEvent;

public sealed record ExecutionFailed(TaskFailureDetails Failure) : HistoryEvent;

public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The execution ended by starting afresh; the next execution's history begins after it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Durable Functions' name for this event.")]
public sealed record ContinuedAsNew(string? Input) : HistoryEvent;
