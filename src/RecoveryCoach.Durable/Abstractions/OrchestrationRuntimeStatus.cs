namespace RecoveryCoach.Durable;

/// <summary>Where an instance stands, as Durable Functions names it.</summary>
public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    ContinuedAsNew,
}

public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, Failed or Terminated: nothing more will happen to the instance.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
