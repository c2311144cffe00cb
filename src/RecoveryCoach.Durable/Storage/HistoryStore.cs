using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Storage;

/// <summary>
/// The History table: partition = instance id, one row per event keyed by a 16-hex-digit
/// sequence number, and one sentinel row. Every append updates the sentinel against the ETag
/// read with the history, in the same transaction as the events, so two workers can never both
/// commit a step for one instance: the second gets a conflict and retries on the new history.
/// </summary>
internal sealed class HistoryStore(TaskHubStorage storage, LargePayloads payloads)
{
    private const string SentinelRow = "sentinel";
    private const string BufferedPrefix = "buffered-";

    /// <summary>Azure allows 100 operations per transaction; one is the sentinel.</summary>
    private const int EventsPerTransaction = 99;

    public async Task<InstanceHistory> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.History.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var sentinel = rows.Find(r => r.RowKey == SentinelRow);
        var executionId = sentinel?.GetString("ExecutionId");
        var events = new List<HistoryEvent>();
        var messageIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.RowKey.Length == 16 && r.GetString("ExecutionId") == executionId).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            var historyEvent = await ReadEventAsync(row, cancellationToken).ConfigureAwait(false);
            events.Add(historyEvent);
            if (historyEvent.MessageId is { } id)
            {
                messageIds.Add(id);
            }
        }

        var buffered = new List<BufferedEvent>();
        foreach (var row in rows.Where(r => r.RowKey.StartsWith(BufferedPrefix, StringComparison.Ordinal)))
        {
            buffered.Add(new BufferedEvent(row.RowKey, await ReadEventAsync(row, cancellationToken).ConfigureAwait(false)));
        }

        return new InstanceHistory(
            instanceId,
            sentinel?.ETag,
            executionId,
            sentinel?.GetInt64("NextSequence") ?? 0,
            events,
            buffered,
            messageIds);
    }

    /// <summary>
    /// Appends <paramref name="events"/> as the history of <paramref name="executionId"/>, which
    /// starts a new execution when it differs from the current one, and removes the buffered
    /// events they consumed.
    /// </summary>
    /// <exception cref="HistoryConflictException">Another worker changed the history since it was read.</exception>
    public async Task<InstanceHistory> AppendAsync(
        InstanceHistory current,
        string executionId,
        IReadOnlyList<HistoryEvent> events,
        IReadOnlyList<BufferedEvent> consumed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var id = current.InstanceId;
        var sequence = current.NextSequence;
        var rows = new List<TableEntity>(events.Count);
        foreach (var historyEvent in events)
        {
            rows.Add(await WriteEventAsync(id, executionId, sequence++, historyEvent, cancellationToken).ConfigureAwait(false));
        }

        var etag = current.SentinelETag;
        var chunks = rows.Chunk(EventsPerTransaction).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add([]);
        }

        var written = current.NextSequence;
        for (var i = 0; i < chunks.Count; i++)
        {
            written += chunks[i].Length;
            var sentinel = new TableEntity(id, SentinelRow)
            {
                ["ExecutionId"] = executionId,
                ["NextSequence"] = written,
            };
            var actions = new List<TableTransactionAction>
            {
                etag is { } match
                    ? new(TableTransactionActionType.UpdateReplace, sentinel, match)
                    : new(TableTransactionActionType.Add, sentinel),
            };
            actions.AddRange(chunks[i].Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
            if (i == 0)
            {
                actions.AddRange(consumed.Take(EventsPerTransaction - chunks[i].Length).Select(b => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, b.RowKey), ETag.All)));
            }

            try
            {
                var response = await storage.History.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                etag = response.Value[0].Headers.ETag;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                throw new HistoryConflictException($"Instance {id}: another worker committed first.", ex);
            }
        }

        var all = current.ExecutionId == executionId ? current.Events.Concat(events).ToList() : [.. events];
        var ids = new HashSet<string>(all.Select(e => e.MessageId).OfType<string>(), StringComparer.Ordinal);
        return new InstanceHistory(id, etag, executionId, written, all, [], ids);
    }

    /// <summary>Keeps an event for an instance that has not started yet; writing it twice is harmless.</summary>
    public async Task BufferAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var row = await WriteEventAsync(instanceId, executionId: string.Empty, sequence: -1, historyEvent, cancellationToken).ConfigureAwait(false);
        row.RowKey = BufferedPrefix + historyEvent.MessageId;
        await storage.History.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes rows of executions before the current one, after a continue-as-new.</summary>
    public async Task DeleteEarlierExecutionsAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken)
    {
        var stale = new List<TableEntity>();
        await foreach (var row in storage.History.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey", "ExecutionId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.Length == 16 && row.GetString("ExecutionId") != currentExecutionId)
            {
                stale.Add(row);
            }
        }

        await DeleteRowsAsync(instanceId, stale, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the whole history of an instance; returns whether there was any.</summary>
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.History.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        await DeleteRowsAsync(instanceId, rows, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0;
    }

    private async Task DeleteRowsAsync(string instanceId, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(100))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, r.RowKey), ETag.All));
            await storage.History.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TableEntity> WriteEventAsync(string instanceId, string executionId, long sequence, HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(historyEvent, DataConverter.Options);
        var row = new TableEntity(instanceId, sequence.ToString("X16", CultureInfo.InvariantCulture))
        {
            ["ExecutionId"] = executionId,
            ["EventType"] = historyEvent.GetType().Name,
            ["MessageId"] = historyEvent.MessageId,
        };
        if (json.Length > LargePayloads.MaxInlineTableChars)
        {
            var name = $"{instanceId}/history/{executionId}/{(sequence < 0 ? historyEvent.MessageId : sequence.ToString("X16", CultureInfo.InvariantCulture))}";
            row["EventBlob"] = await payloads.UploadAsync(name, json, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            row["Event"] = json;
        }

        return row;
    }

    private async Task<HistoryEvent> ReadEventAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = row.GetString("Event") ?? await payloads.DownloadAsync(row.GetString("EventBlob"), cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<HistoryEvent>(json, DataConverter.Options)
            ?? throw new InvalidDataException($"Instance {row.PartitionKey}: history row {row.RowKey} is empty.");
    }
}
