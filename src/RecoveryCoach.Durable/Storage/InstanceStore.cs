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

    /// <summary>Records what a step did: status, output, custom status, failure.</summary>
    public async Task UpdateAsync(
        string instanceId,
        string? executionId,
        OrchestrationRuntimeStatus status,
        string? output,
        string? customStatus,
        TaskFailureDetails? failure,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, Row)
        {
            ["RuntimeStatus"] = status.ToString(),
            ["LastUpdatedAt"] = now,
            ["CustomStatus"] = customStatus,
            ["Failure"] = failure is null ? null : JsonSerializer.Serialize(failure, DataConverter.Options),
        };
        if (executionId is not null)
        {
            row["ExecutionId"] = executionId;
        }

        await SetLargeAsync(row, "Output", $"{instanceId}/output", output, cancellationToken).ConfigureAwait(false);
        await storage.Instances.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
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
