namespace RecoveryCoach.Durable.Storage;

/// <summary>The names of a task hub's tables, queues and container.</summary>
internal sealed class TaskHubNames(string hubName)
{
    private readonly string lower = hubName.ToLowerInvariant();

    public string HistoryTable => hubName + "History";

    public string InstancesTable => hubName + "Instances";

    public string TimersTable => hubName + "Timers";

    public string PoisonQueue => $"{lower}-poison";

    public string LargePayloadContainer => $"{lower}-largemessages";

    public string ControlQueue(int partition) => $"{lower}-control-{partition:D2}";
}
