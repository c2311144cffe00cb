using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Tasks;

/// <summary>Which tasks a worklist shows.</summary>
/// <param name="Team">One team's tasks; all teams when null.</param>
/// <param name="Assignee">One person's tasks, when given.</param>
/// <param name="Status">Open, done or cancelled tasks; open when null.</param>
/// <param name="OverdueOnly">Only open tasks past their due date.</param>
public sealed record TaskQuery(string? Team = null, string? Assignee = null, CoachTaskStatus? Status = null, bool OverdueOnly = false);

/// <summary>
/// Keeps tasks in the <c>{TaskHub}Tasks</c> table, partitioned by team (<c>triage</c> for the
/// team leads' shared list) so a worklist reads one partition. Every change is guarded by the
/// task's ETag, and followed in the caseload index, when one is given.
/// </summary>
public sealed class TaskStore
{
    /// <summary>The worklist, and partition, of the team leads' triage tasks.</summary>
    public const string TriageList = "triage";
    private readonly CreatedTable table;
    private readonly CaseloadIndex? caseload;

    /// <param name="caseload">The index of staff lists and search to keep in step; none for tools that only read.</param>
    public TaskStore(TableServiceClient service, IOptions<StorageOptions> options, CaseloadIndex? caseload = null)
    {
        table = CreatedTable.Named(service, options, "Tasks");
        this.caseload = caseload;
    }

    /// <summary>Creates a task, or returns the one stored first when a retry creates it again.</summary>
    /// <returns>The task as stored, and whether this call created it.</returns>
    public async Task<(CoachTask Task, bool Created)> CreateAsync(CoachTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.AddEntityAsync(ToEntity(task), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Created by an earlier try, which may have stopped before the caseload heard of it.
            var stored = (await GetAsync(task.Id, task.Team, cancellationToken).ConfigureAwait(false))!.Value.Task;
            await FollowAsync(stored, cancellationToken).ConfigureAwait(false);
            return (stored, false);
        }

        await FollowAsync(task, cancellationToken).ConfigureAwait(false);
        return (task, true);
    }

    /// <summary>
    /// A task and its ETag, or null. Give the team when known; otherwise each team's partition and
    /// triage's are read by key at once, which stays one read each however many tasks there are.
    /// </summary>
    public async Task<(CoachTask Task, ETag ETag)?> GetAsync(string id, string? team, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<string> partitions = team is not null || id.Length == 0 ? [team ?? TriageList] : [.. Team.All.Select(t => t.Code), TriageList];
        var rows = await Task.WhenAll(partitions.Select(p => client.GetEntityIfExistsAsync<TableEntity>(p, id, cancellationToken: cancellationToken))).ConfigureAwait(false);
        return rows.FirstOrDefault(r => r.HasValue) is { HasValue: true } found ? (ToTask(found.Value!), found.Value!.ETag) : null;
    }

    /// <summary>Replaces a task as read; fails if anyone changed it in between.</summary>
    /// <returns>The task's new ETag, for a change that follows at once.</returns>
    /// <exception cref="TaskConflictException">The task changed since <paramref name="etag"/>.</exception>
    public async Task<ETag> UpdateAsync(CoachTask task, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.UpdateEntityAsync(ToEntity(task), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await FollowAsync(task, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? throw new InvalidOperationException($"Task {task.Id} was updated but its new ETag was not returned.");
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new TaskConflictException($"Task {task.Id} changed while it was being updated; read it again.", ex);
        }
    }

    public async Task<IReadOnlyList<CoachTask>> QueryAsync(TaskQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var status = query.OverdueOnly ? CoachTaskStatus.Open : query.Status ?? CoachTaskStatus.Open;
        var filters = new List<string> { TableClient.CreateQueryFilter($"Status eq {status.ToString()}") };
        if (query.Team is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {query.Team}"));
        }

        if (query.Assignee is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"Assignee eq {query.Assignee}"));
        }

        if (query.OverdueOnly)
        {
            filters.Add(TableClient.CreateQueryFilter($"DueAt lt {now}"));
        }

        var tasks = new List<CoachTask>();
        await foreach (var row in client.QueryAsync<TableEntity>(string.Join(" and ", filters), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(ToTask(row));
        }

        return MostUrgentFirst(tasks, now);
    }

    private Task FollowAsync(CoachTask task, CancellationToken cancellationToken) =>
        caseload?.FollowAsync(task, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Overdue first, then by due date: the most urgent work at the top.</summary>
    public static IReadOnlyList<CoachTask> MostUrgentFirst(IEnumerable<CoachTask> tasks, DateTimeOffset now) =>
        [.. tasks.OrderByDescending(t => t.IsOverdue(now)).ThenBy(t => t.DueAt)];

    /// <summary>Every task of one referral, to close the open ones when the referral ends.</summary>
    public async Task<IReadOnlyList<(CoachTask Task, ETag ETag)>> ForReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var tasks = new List<(CoachTask, ETag)>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tasks.Add((ToTask(row), row.ETag));
        }

        return tasks;
    }

    /// <summary>Deletes every task of a deleted referral, with its forms; deleting what is gone does nothing.</summary>
    public async Task DeleteForReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (task, _) in await ForReferralAsync(referralId, cancellationToken).ConfigureAwait(false))
        {
            await client.DeleteEntityAsync(task.Team ?? TriageList, task.Id, ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TableEntity ToEntity(CoachTask task) =>
        new(task.Team ?? TriageList, task.Id)
        {
            ["ReferralId"] = task.ReferralId,
            ["Reference"] = task.Reference,
            ["Type"] = task.Type.ToString(),
            ["Assignee"] = task.Assignee,
            ["Status"] = task.Status.ToString(),
            ["CreatedAt"] = task.CreatedAt,
            ["DueAt"] = task.DueAt,
            ["EscalatedAt"] = task.EscalatedAt,
            ["CompletedAt"] = task.CompletedAt,
            ["CompletedBy"] = task.CompletedBy,
            ["Outcome"] = task.Outcome,
        };

    private static CoachTask ToTask(TableEntity row) =>
        new(
            row.RowKey,
            row.GetString("ReferralId"),
            row.GetString("Reference"),
            Enum.Parse<CoachTaskType>(row.GetString("Type")),
            row.PartitionKey == TriageList ? null : row.PartitionKey,
            row.GetString("Assignee"),
            Enum.Parse<CoachTaskStatus>(row.GetString("Status")),
            row.GetDateTimeOffset("CreatedAt")!.Value,
            row.GetDateTimeOffset("DueAt")!.Value,
            row.GetDateTimeOffset("EscalatedAt"),
            row.GetDateTimeOffset("CompletedAt"),
            row.GetString("CompletedBy"),
            row.GetString("Outcome"));
}
