using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Retention;
using static RecoveryCoach.Referrals.Retention.RetentionSchedule;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// Keeps referrals in the <c>{TaskHub}Referrals</c> table, one partition per referral. Every
/// change commits with its audit lines in one transaction, guarded by the referral row's ETag,
/// and is then followed in the caseload index and the report facts, when they are given. A
/// change that finishes a referral records, first, when it is to be deleted.
/// </summary>
public sealed class ReferralStore
{
    private const int ConflictRetries = 5;
    private readonly CreatedTable table;
    private readonly CaseloadIndex? caseload;
    private readonly ReportFacts? reports;
    private readonly RetentionSchedule? retention;

    /// <param name="caseload">The index of staff lists and search to keep in step; none for tools that only read.</param>
    /// <param name="reports">The facts the service's reports count, to keep in step; none for tools that only read.</param>
    /// <param name="retention">Dates a finished referral for deletion; none for tools that only read.</param>
    public ReferralStore(TableServiceClient service, IOptions<StorageOptions> options, CaseloadIndex? caseload = null, ReportFacts? reports = null, RetentionSchedule? retention = null)
    {
        table = CreatedTable.Named(service, options, "Referrals");
        (this.caseload, this.reports, this.retention) = (caseload, reports, retention);
    }

    /// <summary>Stores a new referral, with any decisions it carries, and its first audit lines, all or nothing.</summary>
    /// <returns>False when a referral with this id already exists: a duplicate submission got there first.</returns>
    public async Task<bool> CreateAsync(Referral referral, DateTimeOffset decidedAt, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(audit);
        referral = await StampAsync(retention, referral, decidedAt, cancellationToken).ConfigureAwait(false);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ReferralRows.ToEntity(referral)) };
        actions.AddRange(DecisionRows(referral, decidedAt));
        actions.AddRange(audit.Select((entry, i) => new TableTransactionAction(TableTransactionActionType.Add, ReferralRows.ToEntity(referral.Id, entry, i))));

        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        await FollowAsync(referral, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Records the rules' decisions on a referral read as <paramref name="current"/>: its status,
    /// team and journey values, the decision rows and their audit lines, in one transaction.
    /// </summary>
    /// <exception cref="ReferralConflictException">The referral changed since it was read.</exception>
    public async Task RecordDecisionAsync(ReferralRecord current, Referral decided, IReadOnlyList<AuditEntry> audit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(audit);
        var id = current.Referral.Id;
        decided = await StampAsync(retention, decided, now, cancellationToken).ConfigureAwait(false);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ReferralRows.ToEntity(decided with { UpdatedAt = now }), current.ETag) };
        actions.AddRange(DecisionRows(decided, now));
        actions.AddRange(audit.Select((entry, i) => new TableTransactionAction(TableTransactionActionType.Add, ReferralRows.ToEntity(id, entry, current.Audit.Count + i))));
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ReferralConflictException($"Referral {id} changed since it was read.", ex);
        }

        await FollowAsync(decided with { UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies one journey step to a referral: the change <paramref name="change"/> makes to it
    /// (a team chosen at triage included) and the audit lines it gives, with a marker for
    /// <paramref name="stepKey"/>, in one
    /// transaction. A step already applied is not applied again, so an activity that runs twice
    /// changes the referral once. A concurrent change is met by reading again and retrying.
    /// </summary>
    /// <param name="change">Given the referral as read, its new state and the audit lines to add.</param>
    /// <returns>The referral as stored afterwards.</returns>
    /// <exception cref="InvalidOperationException">There is no referral with that id.</exception>
    public async Task<ReferralRecord> ApplyAsync(
        string id,
        string stepKey,
        DateTimeOffset now,
        Func<ReferralRecord, (Referral Changed, IReadOnlyList<AuditEntry> Audit)> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Referral {id} does not exist.");
            if (current.Steps.Contains(stepKey))
            {
                // A step tried again after a failure: its change stands, and its caseload line may not.
                await FollowAsync(current.Referral, cancellationToken).ConfigureAwait(false);
                return current;
            }

            var (changed, audit) = change(current);
            changed = await StampAsync(retention, changed, now, cancellationToken).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, ReferralRows.ToEntity(changed with { UpdatedAt = now }), current.ETag),
                new(TableTransactionActionType.Add, ReferralRows.ToStepEntity(id, stepKey, now)),
            };
            if (changed.Allocation is { } allocation && allocation != current.Referral.Allocation)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, ReferralRows.ToEntity(id, allocation, now)));
            }

            actions.AddRange(audit.Select((entry, i) => new TableTransactionAction(TableTransactionActionType.Add, ReferralRows.ToEntity(id, entry, current.Audit.Count + i))));
            try
            {
                await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                var applied = await GetAsync(id, cancellationToken).ConfigureAwait(false) ?? current;
                await FollowAsync(applied.Referral, cancellationToken).ConfigureAwait(false);
                return applied;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < ConflictRetries)
            {
                // Another writer got there first; read again, and find the step applied if it was this one.
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                throw new ReferralConflictException($"Referral {id} kept changing while step {stepKey} was applied.", ex);
            }
        }
    }

    /// <summary>
    /// Adds one care event to the timeline of a referral read as <paramref name="read"/>, without
    /// changing the referral. Its key cannot clash with a line written at the same moment by anyone
    /// else, so lines added at once are all kept. Views are not care events: they go to the access log.
    /// </summary>
    public async Task AppendAuditAsync(ReferralRecord read, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(entry);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        await client.AddEntityAsync(ReferralRows.ToEntity(read.Referral.Id, entry, read.Audit.Count), cancellationToken).ConfigureAwait(false);
    }

    private Task FollowAsync(Referral referral, CancellationToken cancellationToken) => Task.WhenAll(
        caseload?.FollowAsync(referral, cancellationToken) ?? Task.CompletedTask,
        reports?.FollowAsync(referral, cancellationToken) ?? Task.CompletedTask);

    /// <summary>Ids of referrals still waiting for their decision that were submitted before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<string>> ReceivedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ReferralRows.ReferralRow} and Status eq {nameof(ReferralStatus.Received)} and SubmittedAt lt {before}");
        var ids = new List<string>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    /// <summary>
    /// A line per referral of one team (or every team when null), from the referral rows alone:
    /// enough for a caseload, without anyone's details.
    /// </summary>
    public async Task<IReadOnlyList<ReferralSummary>> SummariesAsync(string? team, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = team is null
            ? TableClient.CreateQueryFilter($"RowKey eq {ReferralRows.ReferralRow}")
            : TableClient.CreateQueryFilter($"RowKey eq {ReferralRows.ReferralRow} and Team eq {team}");
        var summaries = new List<ReferralSummary>();
        string[] columns = ["PartitionKey", "Reference", "Status", "Team", "SubmittedAt", "Closure"];
        await foreach (var row in client.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(ReferralRows.ToSummary(row));
        }

        return summaries;
    }

    /// <summary>The referral with its notifications and audit trail, or null when there is none with that id.</summary>
    public async Task<ReferralRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(client, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every referral submitted at or after <paramref name="since"/>, oldest first (then by id). It only reads:
    /// it does not even create the table when there is none, so a what-if run against the live
    /// storage account changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<ReferralRecord>> SubmittedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var client = table.Existing;
        var ids = new List<(string Id, DateTimeOffset SubmittedAt)>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"RowKey eq {ReferralRows.ReferralRow} and SubmittedAt ge {since}");
            await foreach (var row in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "SubmittedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                ids.Add((row.PartitionKey, row.GetDateTimeOffset("SubmittedAt")!.Value));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        var records = new List<ReferralRecord>();
        foreach (var (id, _) in ids.OrderBy(i => i.SubmittedAt).ThenBy(i => i.Id, StringComparer.Ordinal))
        {
            if (await ReadAsync(client, id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static async Task<ReferralRecord?> ReadAsync(TableClient client, string id, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var query = client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: cancellationToken);
        await foreach (var row in query.ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows.Exists(r => r.RowKey == ReferralRows.ReferralRow) ? ReferralRows.ToRecord(rows) : null;
    }

    private static IEnumerable<TableTransactionAction> DecisionRows(Referral referral, DateTimeOffset decidedAt)
    {
        if (referral.Eligibility is { } eligibility)
        {
            yield return new(TableTransactionActionType.Add, ReferralRows.ToEntity(referral.Id, eligibility, decidedAt));
        }

        if (referral.Allocation is { } allocation)
        {
            yield return new(TableTransactionActionType.Add, ReferralRows.ToEntity(referral.Id, allocation, decidedAt));
        }
    }

    /// <summary>Records the outcome of notifications and their audit lines against the version read.</summary>
    /// <exception cref="ReferralConflictException">The referral changed since <paramref name="current"/> was read.</exception>
    public async Task RecordNotificationsAsync(
        ReferralRecord current,
        IReadOnlyList<NotificationRecord> notifications,
        IReadOnlyList<AuditEntry> audit,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(audit);
        var id = current.Referral.Id;
        var touched = new TableEntity(id, ReferralRows.ReferralRow) { ["UpdatedAt"] = now };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, touched, current.ETag) };
        actions.AddRange(notifications.Select(n => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ReferralRows.ToEntity(id, n))));
        var next = current.Audit.Count;
        actions.AddRange(audit.Select((entry, i) => new TableTransactionAction(TableTransactionActionType.Add, ReferralRows.ToEntity(id, entry, next + i))));

        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            throw new ReferralConflictException($"Referral {id} changed since it was read.", ex);
        }
    }
}
