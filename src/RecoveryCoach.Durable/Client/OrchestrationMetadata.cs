namespace RecoveryCoach.Durable;

/// <summary>An instance's status as the Instances table shows it.</summary>
public sealed record OrchestrationMetadata(
    string InstanceId,
    string Name,
    string Version,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    TaskFailureDetails? FailureDetails)
{
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    public T ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    public T ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Which instances to list.</summary>
/// <param name="Statuses">Any of these statuses; all when empty.</param>
/// <param name="CreatedFrom">Created at or after, when given.</param>
/// <param name="CreatedTo">Created before, when given.</param>
/// <param name="PageSize">Instances per page.</param>
/// <param name="ContinuationToken">From the previous page, to get the next.</param>
public sealed record OrchestrationQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int PageSize = 100,
    string? ContinuationToken = null);

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null on the last.</summary>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
