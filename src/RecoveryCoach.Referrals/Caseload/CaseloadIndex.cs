using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Caseload;

/// <summary>
/// The <c>{TaskHub}Caseload</c> table: each referral's line for the caseload list, the worklist
/// and search, with its search keys, partitioned by team (<see cref="CaseloadRows"/>). The
/// referral and task stores are the truth; this is kept in step by every change to them, each
/// change idempotent and safe to repeat, and can be rebuilt from them at any time.
/// </summary>
public sealed class CaseloadIndex
{
    private const int ConflictRetries = 5;
    private readonly CreatedTable table;
    private readonly ILogger<CaseloadIndex> logger;

    public CaseloadIndex(TableServiceClient service, IOptions<StorageOptions> options, ILogger<CaseloadIndex> logger)
    {
        table = CreatedTable.Named(service, options, "Caseload");
        this.logger = logger;
    }

    /// <summary>
    /// Follows a change the referral store has committed. The change stands whatever happens
    /// here: should storage fail, the line stays behind, is logged, and is brought in step by the
    /// referral's next change or a rebuild.
    /// </summary>
    internal Task FollowAsync(Referral referral, CancellationToken cancellationToken) =>
        FollowAsync(referral.Id, () => ReferralChangedAsync(referral, cancellationToken));

    /// <summary>Follows a change the task store has committed, as <see cref="FollowAsync(Referral, CancellationToken)"/> does.</summary>
    internal Task FollowAsync(CoachTask task, CancellationToken cancellationToken) =>
        FollowAsync(task.ReferralId, () => TaskChangedAsync(task, cancellationToken));

    private async Task FollowAsync(string referralId, Func<Task> change)
    {
        try
        {
            await change().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageOutage.IsOutage(ex))
        {
            logger.CaseloadBehind(referralId, ex);
        }
    }

    /// <summary>
    /// Brings a referral's line and search keys in step with <paramref name="referral"/> as
    /// stored, keeping its open tasks. A referral given a team moves from the no-team partition,
    /// without its triage task, which a referral with a team no longer has.
    /// </summary>
    public async Task ReferralChangedAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = CaseloadRows.PartitionOf(referral.TeamCode);
        var keys = SearchKeys.For(referral);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await client.GetEntityIfExistsAsync<TableEntity>(partition, referral.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            TableEntity? moving = null;
            IReadOnlyList<OpenTask> openTasks = [];
            if (stored.HasValue)
            {
                openTasks = CaseloadRows.ToEntry(stored.Value!).OpenTasks;
            }
            else if (partition != CaseloadRows.NoTeam)
            {
                var before = await client.GetEntityIfExistsAsync<TableEntity>(CaseloadRows.NoTeam, referral.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (before.HasValue)
                {
                    moving = before.Value;
                    openTasks = [.. CaseloadRows.ToEntry(moving!).OpenTasks.Where(t => t.Type != CoachTaskType.Triage)];
                }
            }

            var next = CaseloadRows.ToEntity(CaseloadEntry.From(referral, openTasks), keys);
            if (stored.HasValue && CaseloadRows.Same(stored.Value!, next))
            {
                return;
            }

            try
            {
                await WriteAsync(client, stored.HasValue ? stored.Value : null, next, keys, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < ConflictRetries)
            {
                continue;
            }

            if (moving is not null)
            {
                await RemoveAsync(client, moving, cancellationToken).ConfigureAwait(false);
            }

            return;
        }
    }

    /// <summary>
    /// Records a task opened, claimed, done or cancelled on its referral's line. A referral with
    /// no line yet (one stored before the index, until it is rebuilt) is left for the rebuild.
    /// </summary>
    /// <returns>Whether the referral's line was there to change.</returns>
    public async Task<bool> TaskChangedAsync(CoachTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await client.GetEntityIfExistsAsync<TableEntity>(CaseloadRows.PartitionOf(task.Team), task.ReferralId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!stored.HasValue)
            {
                return false;
            }

            var entry = CaseloadRows.ToEntry(stored.Value!);
            var others = entry.OpenTasks.Where(t => t.Id != task.Id);
            var openTasks = task.Status == CoachTaskStatus.Open && entry.IsOpen
                ? [.. others, new OpenTask(task.Id, task.Type, task.DueAt, task.Assignee)]
                : others.ToList();
            var next = CaseloadRows.ToEntity(entry with { OpenTasks = openTasks }, CaseloadRows.KeysOf(stored.Value!));
            if (CaseloadRows.Same(stored.Value!, next))
            {
                return true;
            }

            try
            {
                await client.UpdateEntityAsync(next, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < ConflictRetries)
            {
                // The line changed since it was read; read it again.
            }
        }
    }

    /// <summary>Writes a referral's line from the referral and its open tasks as the stores hold them, whatever the index held.</summary>
    public async Task RebuildAsync(Referral referral, IReadOnlyList<OpenTask> openTasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = CaseloadRows.PartitionOf(referral.TeamCode);
        var keys = SearchKeys.For(referral);
        var stored = await client.GetEntityIfExistsAsync<TableEntity>(partition, referral.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        await WriteAsync(client, stored.HasValue ? stored.Value : null, CaseloadRows.ToEntity(CaseloadEntry.From(referral, openTasks), keys), keys, cancellationToken).ConfigureAwait(false);
        if (partition != CaseloadRows.NoTeam
            && await client.GetEntityIfExistsAsync<TableEntity>(CaseloadRows.NoTeam, referral.Id, cancellationToken: cancellationToken).ConfigureAwait(false) is { HasValue: true } stale)
        {
            await RemoveAsync(client, stale.Value!, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes a deleted referral's lines and search keys from every partition it may be in;
    /// removing what is not there does nothing.
    /// </summary>
    public async Task RemoveReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in Team.Lists.Select(CaseloadRows.PartitionOf))
        {
            if (await client.GetEntityIfExistsAsync<TableEntity>(partition, referralId, cancellationToken: cancellationToken).ConfigureAwait(false) is { HasValue: true } line)
            {
                await RemoveAsync(client, line.Value!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The open referrals of one team, or of the no-team partition for <c>null</c>.</summary>
    public async Task<IReadOnlyList<CaseloadEntry>> OpenAsync(string? team, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CaseloadRows.PartitionOf(team)} and RowKey lt {CaseloadRows.KeyPrefix} and Open eq true");
        var entries = new List<CaseloadEntry>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(CaseloadRows.ToEntry(row));
        }

        return entries;
    }

    /// <summary>The lines of the referrals of one team (or none) that <paramref name="query"/> finds.</summary>
    public async Task<IReadOnlyList<CaseloadEntry>> FindAsync(string? team, SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = CaseloadRows.PartitionOf(team);
        // An exact key is every row "~{key}|…"; a name part, every row whose key starts with it.
        var ranges = query.ExactKey is { } exact
            ? [(From: CaseloadRows.KeyRow(exact, string.Empty), To: Successor(CaseloadRows.KeyRow(exact, string.Empty)))]
            : query.NameParts.Select(part => CaseloadRows.KeyPrefix + SearchKeys.Key(SearchKeys.Name, part)).Select(start => (From: start, To: Successor(start))).ToList();
        // Every range at once: a store may look at every row for each query (Azurite does), so one after another would add up.
        var matches = await Task.WhenAll(ranges.Select(r => ReferralsInAsync(client, partition, r.From, r.To, cancellationToken))).ConfigureAwait(false);
        var found = matches.Length == 0 ? [] : matches.Aggregate((all, next) => [.. all.Intersect(next)]);
        var lines = await Task.WhenAll(found.Select(id => client.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken))).ConfigureAwait(false);
        return [.. lines.Where(l => l.HasValue).Select(l => CaseloadRows.ToEntry(l.Value!))];
    }

    private static async Task<HashSet<string>> ReferralsInAsync(TableClient client, string partition, string from, string to, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(CaseloadRows.ReferralOfKeyRow(row.RowKey));
        }

        return ids;
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/>.</summary>
    private static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static async Task WriteAsync(TableClient client, TableEntity? stored, TableEntity next, IReadOnlySet<string> keys, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            stored is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, stored.ETag),
        };
        var old = stored is null ? new HashSet<string>() : CaseloadRows.KeysOf(stored);
        actions.AddRange(keys.Except(old).Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(next.PartitionKey, CaseloadRows.KeyRow(k, next.RowKey)))));
        actions.AddRange(old.Except(keys).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(next.PartitionKey, CaseloadRows.KeyRow(k, next.RowKey)), ETag.All)));
        await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RemoveAsync(TableClient client, TableEntity line, CancellationToken cancellationToken)
    {
        var actions = CaseloadRows.KeysOf(line)
            .Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(line.PartitionKey, CaseloadRows.KeyRow(k, line.RowKey)), ETag.All))
            .Append(new TableTransactionAction(TableTransactionActionType.Delete, line, ETag.All))
            .ToList();
        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // Removed already, by an earlier try of the same change.
        }
    }
}
