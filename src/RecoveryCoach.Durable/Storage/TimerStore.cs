using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace RecoveryCoach.Durable.Storage;

/// <summary>A durable timer waiting to fire.</summary>
internal sealed record DueTimer(string RowKey, string InstanceId, string ExecutionId, int TimerId, DateTime FireAt);

/// <summary>
/// The Timers table: one row per pending timer, keyed by fire time so the earliest is the first
/// row. Timers are read against the runtime's <see cref="TimeProvider"/>, not the storage
/// server's clock, so a timer may be of any length (no queue-delay limit to chain around) and
/// a test can skip weeks by advancing a fake clock. Row keys derive from the timer, so writing
/// one twice is harmless.
/// </summary>
internal sealed class TimerStore(TaskHubStorage storage)
{
    private const string Partition = "timers";

    /// <summary>Writes timers in one transaction, before the history that creates them commits, so none is ever lost.</summary>
    public async Task AddAsync(string instanceId, string executionId, IReadOnlyList<(int TimerId, DateTime FireAt)> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        foreach (var chunk in timers.Chunk(100))
        {
            var actions = chunk.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, KeyOf(t.FireAt, instanceId, executionId, t.TimerId))
            {
                ["InstanceId"] = instanceId,
                ["ExecutionId"] = executionId,
                ["TimerId"] = t.TimerId,
                ["FireAt"] = DateTime.SpecifyKind(t.FireAt, DateTimeKind.Utc),
            }));
            await storage.Timers.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The earliest pending timers, at most <paramref name="max"/>, in one request: those due at
    /// <paramref name="now"/> and, when fewer are due, when the next one fires.
    /// </summary>
    public async Task<(IReadOnlyList<DueTimer> Due, DateTime? NextFireAt)> PeekAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<DueTimer>();
        var query = storage.Timers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), max, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(pageSizeHint: max).ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                var timer = ToTimer(row);
                if (timer.FireAt > now.UtcDateTime)
                {
                    return (due, timer.FireAt);
                }

                due.Add(timer);
            }

            break;
        }

        return (due, null);
    }

    /// <summary>
    /// Deletes the rows of timers orchestrators cancelled, in one transaction when it can: a row
    /// already gone (it fired) fails the transaction, and then each is deleted on its own.
    /// </summary>
    public async Task DeleteAsync(IReadOnlyList<Worker.TimerKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var rowKeys = keys.Select(k => KeyOf(k.FireAt, k.InstanceId, k.ExecutionId, k.TimerId)).Distinct(StringComparer.Ordinal).ToList();
        if (rowKeys.Count == 0)
        {
            return;
        }

        try
        {
            await storage.Timers.SubmitTransactionAsync(rowKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, k), ETag.All)), cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException)
        {
            foreach (var rowKey in rowKeys)
            {
                await storage.Timers.DeleteEntityAsync(Partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task DeleteAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await storage.Timers.DeleteEntityAsync(Partition, timer.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message id of a timer's firing: the same however often it fires, so history records it once.</summary>
    public static string MessageIdOf(string executionId, int timerId) => $"timer:{executionId}:{timerId}";

    private static string KeyOf(DateTime fireAt, string instanceId, string executionId, int timerId) =>
        $"{fireAt.Ticks:D19}|{instanceId}|{executionId}|{timerId}";

    private static DueTimer ToTimer(TableEntity row) =>
        new(row.RowKey, row.GetString("InstanceId"), row.GetString("ExecutionId"), row.GetInt32("TimerId")!.Value, DateTime.SpecifyKind(row.GetDateTime("FireAt")!.Value, DateTimeKind.Utc));
}
