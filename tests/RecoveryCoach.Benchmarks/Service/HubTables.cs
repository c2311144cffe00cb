using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;

namespace RecoveryCoach.Benchmarks.Service;

/// <summary>Where a journey stands, from its instance row: the custom status the journey shows.</summary>
/// <param name="Stage">The journey's stage, such as <c>initial-conversation</c>; null before it shows one.</param>
/// <param name="TaskId">The task it waits on, if any.</param>
public sealed record JourneyRow(string InstanceId, string RuntimeStatus, string? Stage, string? TaskId);

/// <summary>A task as stored, with the time storage wrote it.</summary>
public sealed record StoredTask(string Id, string ReferralId, DateTimeOffset StoredAt);

/// <summary>
/// Reads a task hub's tables directly, with one paged query instead of a GET per referral, so
/// that watching hundreds of journeys adds little load to the Azurite that is being measured.
/// </summary>
public sealed class HubTables(string connectionString, string hub)
{
    private readonly TableServiceClient service = new(connectionString);

    /// <summary>Every journey's instance row (DTFx's <c>{hub}Instances</c> table).</summary>
    public async Task<IReadOnlyList<JourneyRow>> JourneysAsync(CancellationToken cancellationToken)
    {
        var rows = new List<JourneyRow>();
        var table = service.GetTableClient(hub + "Instances");
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RuntimeStatus", "CustomStatus"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var (stage, taskId) = Read(row.GetString("CustomStatus"));
            rows.Add(new JourneyRow(row.PartitionKey, row.GetString("RuntimeStatus") ?? "", stage, taskId));
        }

        return rows;
    }

    /// <summary>Waits until <paramref name="count"/> journeys show <paramref name="stage"/>, polling every <paramref name="every"/>.</summary>
    /// <returns>The journeys at that stage, and when the wait saw them all.</returns>
    /// <exception cref="TimeoutException">Not all got there in time, or one failed.</exception>
    public async Task<(IReadOnlyList<JourneyRow> Journeys, DateTimeOffset SeenAt)> WaitForStageAsync(
        string stage, int count, TimeSpan every, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var journeys = await JourneysAsync(cancellationToken).ConfigureAwait(false);
            var there = journeys.Where(j => j.Stage == stage).ToList();
            if (there.Count >= count)
            {
                return (there, DateTimeOffset.UtcNow);
            }

            var failed = journeys.Count(j => j.RuntimeStatus is "Failed" or "Terminated");
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} journey(s) failed on hub {hub}; see the web app's log.");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {there.Count} of {count} journeys reached '{stage}' on hub {hub} within {timeout}.");
            }

            await Task.Delay(every, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The hub's tasks of one type (<c>{hub}Tasks</c>), with the time storage wrote each.</summary>
    public async Task<IReadOnlyList<StoredTask>> TasksAsync(string type, CancellationToken cancellationToken)
    {
        var tasks = new List<StoredTask>();
        var table = service.GetTableClient(hub + "Tasks");
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Type eq {type}"), select: ["RowKey", "ReferralId", "Timestamp"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(new StoredTask(row.RowKey, row.GetString("ReferralId"), row.Timestamp!.Value));
        }

        return tasks;
    }

    /// <summary>Waits until <paramref name="count"/> tasks of <paramref name="type"/> are stored.</summary>
    public async Task<IReadOnlyList<StoredTask>> WaitForTasksAsync(string type, int count, TimeSpan every, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await TasksAsync(type, cancellationToken).ConfigureAwait(false);
            if (tasks.Count >= count)
            {
                return tasks;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {tasks.Count} of {count} {type} tasks were stored on hub {hub} within {timeout}.");
            }

            await Task.Delay(every, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stage and task of a journey's custom status (<c>JourneyStatus</c>, camel case).</summary>
    private static (string? Stage, string? TaskId) Read(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return (null, null);
        }

        using var json = JsonDocument.Parse(customStatus);
        var root = json.RootElement;
        return root.ValueKind != JsonValueKind.Object
            ? (null, null)
            : (root.TryGetProperty("stage", out var stage) ? stage.GetString() : null,
               root.TryGetProperty("taskId", out var task) ? task.GetString() : null);
    }
}
