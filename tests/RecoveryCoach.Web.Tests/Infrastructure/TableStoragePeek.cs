using Azure;
using Azure.Data.Tables;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Reads a task hub's tables directly, the service's and the engine's, to see what was really stored.</summary>
public sealed class TableStoragePeek(string taskHub)
{
    private static readonly TableServiceClient Tables = new(TestServers.StorageConnectionString);

    private readonly TableClient referrals = Tables.GetTableClient(taskHub + "Referrals");

    /// <summary>How many referrals the hub holds; zero when its table was never created.</summary>
    public async Task<int> CountReferralsAsync()
    {
        try
        {
            var count = 0;
            await foreach (var _ in referrals.QueryAsync<TableEntity>("RowKey eq 'referral'", select: ["PartitionKey"]))
            {
                count++;
            }

            return count;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    /// <summary>The reference of every referral the hub holds; none when its table was never created.</summary>
    public async Task<HashSet<string>> ReferencesAsync()
    {
        var references = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in referrals.QueryAsync<TableEntity>("RowKey eq 'referral'", select: ["Reference"]))
            {
                references.Add(row.GetString("Reference"));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No referral was ever stored on the hub.
        }

        return references;
    }

    /// <summary>The stored referral row, with every column the service wrote.</summary>
    public async Task<TableEntity?> ReferralRowAsync(string id)
    {
        var row = await referrals.GetEntityIfExistsAsync<TableEntity>(id, "referral");
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The names of the activities an instance's history scheduled, once per TaskScheduled event, in order.</summary>
    public async Task<List<string>> ScheduledActivitiesAsync(string instanceId)
    {
        var names = new List<(long Id, string Name)>();
        var history = Tables.GetTableClient(taskHub + "History");
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and EventType eq {"TaskScheduled"}")))
        {
            names.Add((row.GetInt32("EventId") ?? -1, row.GetString("Name")));
        }

        return [.. names.OrderBy(n => n.Id).Select(n => n.Name)];
    }

    /// <summary>
    /// Who holds each of the hub's partitions, from the lease table that DTFx's table partition
    /// manager keeps (<c>{hub}Partitions</c>): partition to current owner, null while it has none.
    /// </summary>
    public async Task<Dictionary<string, string?>> PartitionOwnersAsync()
    {
        var owners = new Dictionary<string, string?>();
        try
        {
            await foreach (var lease in Tables.GetTableClient(taskHub + "Partitions").QueryAsync<TableEntity>())
            {
                owners[lease.RowKey] = lease.GetString("CurrentOwner");
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No worker has started on the hub yet.
        }

        return owners;
    }
}
