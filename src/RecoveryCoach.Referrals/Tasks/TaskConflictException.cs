namespace RecoveryCoach.Referrals.Tasks;

/// <summary>
/// The task cannot change as asked: it is already done or cancelled, or someone changed it
/// since it was read. The API answers 409.
/// </summary>
public sealed class TaskConflictException : Exception
{
    public TaskConflictException()
    {
    }

    public TaskConflictException(string message)
        : base(message)
    {
    }

    public TaskConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
