using Azure;
using Azure.Data.Tables;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Reads a task hub's referral tables directly, to see what the service really stored.</summary>
public sealed class TableStoragePeek(string taskHub)
{
    private readonly TableClient referrals = new TableServiceClient(TestServers.StorageConnectionString).GetTableClient(taskHub + "Referrals");

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

    /// <summary>The stored referral row, with every column the service wrote.</summary>
    public async Task<TableEntity?> ReferralRowAsync(string id)
    {
        var row = await referrals.GetEntityIfExistsAsync<TableEntity>(id, "referral");
        return row.HasValue ? row.Value : null;
    }
}
