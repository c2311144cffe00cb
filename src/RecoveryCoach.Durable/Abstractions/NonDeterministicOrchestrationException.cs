namespace RecoveryCoach.Durable;

/// <summary>
/// On replay the orchestrator asked for something other than what its history records: the
/// code changed under a running instance. The instance fails with this rather than continue on
/// a history that no longer matches its code.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
