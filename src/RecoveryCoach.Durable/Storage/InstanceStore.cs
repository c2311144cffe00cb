using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace RecoveryCoach.Durable.Storage;

/// <summary>
/// The Instances table: one row per instance (partition = instance id) with its status, input,
/// output and custom status. It is a read model written after each step, for status queries;
/// the History table is the truth.
/// </summary>
internal sealed class InstanceStore(TaskHubStorage storage, LargePayloads payloads)
{
    private const string Row = "";

    /// <summary>Creates the row of a new instance.</summary>
    /// <returns>Null when created; otherwise the instance that already has this id.</returns>
    public async Task<OrchestrationMetadata?> TryAddAsync(OrchestrationMetadata instance, string executionId, CancellationToken cancellationToken)
    {
        var row = await ToEntityAsync(instance, executionId, cancellationToken).ConfigureAwait(false);
        try
        {
            await storage.Instances.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Instance {instance.InstanceId} exists but cannot be read.", ex);
        }
    }

    /// <summary>Replaces the row of a finished instance that is being started again.</summary>
    public async Task ReplaceAsync(OrchestrationMetadata instance, string executionId, CancellationToken cancellationToken)
    {
        var row = await ToEntityAsync(instance, executionId, cancellationToken).ConfigureAwait(false);
        await storage.Instances.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row's ETag and the history position it reflects, read at the start of a step.</summary>
    public async Task<InstanceVersion> GetVersionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await storage.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, Row, ["HistorySequence"], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new InstanceVersion(row.Value!.ETag, row.Value.GetInt64("HistorySequence") ?? -1) : new InstanceVersion(null, -1);
    }

    /// <summary>
    /// Records what a step did: status, output, custom status, failure. Workers on other hosts
    /// may finish their writes out of order, so a write lands only on the version it read and
    /// is skipped when the row already reflects a later point in the history.
    /// </summary>
    /// <param name="historySequence">The history's length after the step; later steps have larger ones.</param>
    /// <returns>The row's version after the write, for a further write in the same step.</returns>
    public async Task<InstanceVersion> UpdateAsync(
        string instanceId,
        string? executionId,
        InstanceStatusUpdate update,
        long historySequence,
        InstanceVersion read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var row = new TableEntity(instanceId, Row)
        {
            ["RuntimeStatus"] = update.Status.ToString(),
            ["LastUpdatedAt"] = update.At,
            ["CustomStatus"] = update.CustomStatus,
            ["Failure"] = update.Failure is null ? null : JsonSerializer.Serialize(update.Failure, DataConverter.Options),
            ["HistorySequence"] = historySequence,
        };
        if (executionId is not null)
        {
            row["ExecutionId"] = executionId;
        }

        await SetLargeAsync(row, "Output", $"{instanceId}/output", update.Output, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (read.HistorySequence > historySequence)
            {
                return read;
            }

            try
            {
                var response = read.ETag is { } etag
                    ? await storage.Instances.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false)
                    : await storage.Instances.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return new InstanceVersion(response.Headers.ETag, historySequence);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                read = await GetVersionAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }
        }

        return read;
    }

    public async Task<OrchestrationMetadata?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await storage.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? await ToMetadataAsync(row.Value!, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
        }

        var pages = storage.Instances
            .QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), query.PageSize, cancellationToken: cancellationToken)
            .AsPages(query.ContinuationToken, query.PageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var instances = new List<OrchestrationMetadata>(page.Values.Count);
            foreach (var row in page.Values)
            {
                instances.Add(await ToMetadataAsync(row, cancellationToken).ConfigureAwait(false));
            }

            return new OrchestrationQueryResult(instances, page.ContinuationToken);
        }

        return new OrchestrationQueryResult([], null);
    }

    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await storage.Instances.DeleteEntityAsync(instanceId, Row, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    private async Task<TableEntity> ToEntityAsync(OrchestrationMetadata instance, string executionId, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instance.InstanceId, Row)
        {
            ["Name"] = instance.Name,
            ["Version"] = instance.Version,
            ["RuntimeStatus"] = instance.RuntimeStatus.ToString(),
            ["CreatedAt"] = instance.CreatedAt,
            ["LastUpdatedAt"] = instance.LastUpdatedAt,
            ["ExecutionId"] = executionId,
        };
        await SetLargeAsync(row, "Input", $"{instance.InstanceId}/input", instance.SerializedInput, cancellationToken).ConfigureAwait(false);
        return row;
    }

    private async Task SetLargeAsync(TableEntity row, string column, string blobName, string? text, CancellationToken cancellationToken)
    {
        if (text is { Length: > LargePayloads.MaxInlineTableChars })
        {
            row[column + "Blob"] = await payloads.UploadAsync(blobName, text, cancellationToken).ConfigureAwait(false);
            row[column] = null;
        }
        else
        {
            row[column] = text;
            row[column + "Blob"] = null;
        }
    }

    private async Task<string?> GetLargeAsync(TableEntity row, string column, CancellationToken cancellationToken) =>
        row.GetString(column) ?? (row.GetString(column + "Blob") is { } blob ? await payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false) : null);

    private async Task<OrchestrationMetadata> ToMetadataAsync(TableEntity row, CancellationToken cancellationToken) =>
        new(
            row.PartitionKey,
            row.GetString("Name"),
            row.GetString("Version"),
            Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus")),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
            await GetLargeAsync(row, "Input", cancellationToken).ConfigureAwait(false),
            await GetLargeAsync(row, "Output", cancellationToken).ConfigureAwait(false),
            row.GetString("CustomStatus"),
            row.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<TaskFailureDetails>(failure, DataConverter.Options) : null);
}

/// <summary>An Instances row's ETag and the history position it reflects; -1 when there is no row yet.</summary>
internal sealed record InstanceVersion(Azure.ETag? ETag, long HistorySequence);

/// <summary>What a step, or the poison handler, says about an instance.</summary>
internal sealed record InstanceStatusUpdate(OrchestrationRuntimeStatus Status, string? Output, string? CustomStatus, TaskFailureDetails? Failure, DateTimeOffset At);
