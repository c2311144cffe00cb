using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Execution;

/// <summary>How an execution ended.</summary>
internal abstract record OrchestrationOutcome
{
    public sealed record Completed(string? Result) : OrchestrationOutcome;

    public sealed record Failed(TaskFailureDetails Failure) : OrchestrationOutcome;

    /// <summary>Start again with <paramref name="Input"/>, carrying events the orchestrator had not consumed.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Durable Functions' name for this outcome.")]
    public sealed record ContinuedAsNew(string? Input, IReadOnlyList<EventRaised> CarriedEvents) : OrchestrationOutcome;
}
