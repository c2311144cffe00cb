namespace RecoveryCoach.Durable;

/// <summary>No instance has this id.</summary>
public sealed class InstanceNotFoundException : Exception
{
    public InstanceNotFoundException()
    {
    }

    public InstanceNotFoundException(string message)
        : base(message)
    {
    }

    public InstanceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An instance with this id is pending or running, so another cannot start under it.</summary>
public sealed class InstanceAlreadyRunningException : Exception
{
    public InstanceAlreadyRunningException()
    {
    }

    public InstanceAlreadyRunningException(string message)
        : base(message)
    {
    }

    public InstanceAlreadyRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The instance has finished, so it can take no more events (HTTP 410 Gone).</summary>
public sealed class InstanceCompletedException : Exception
{
    public InstanceCompletedException()
    {
    }

    public InstanceCompletedException(string message)
        : base(message)
    {
    }

    public InstanceCompletedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
