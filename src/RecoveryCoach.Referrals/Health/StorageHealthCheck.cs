using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Health;

/// <summary>
/// The storage account answers on each service the service uses: tables (referrals, tasks and
/// the journeys' history), queues (the journeys' messages) and blobs (their leases and large
/// messages). One listing of at most one item each, with the app's own clients, so a missing
/// role assignment for the app's identity shows here as well as an outage.
/// </summary>
internal sealed class StorageHealthCheck(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Storage names are lower case for queues and containers; the prefix keeps each listing to the hub's own.
        var prefix = options.Value.TablePrefix;
        var hub = prefix.ToLowerInvariant();
        await Task.WhenAll(
            FirstPageAsync(tables.QueryAsync(t => t.Name == prefix + "Referrals", maxPerPage: 1, cancellationToken)),
            FirstPageAsync(queues.GetQueuesAsync(prefix: hub, cancellationToken: cancellationToken)),
            FirstPageAsync(blobs.GetBlobContainersAsync(prefix: hub, cancellationToken: cancellationToken))).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }

    private static async Task FirstPageAsync<T>(Azure.AsyncPageable<T> items)
        where T : notnull
    {
        await foreach (var _ in items.AsPages(pageSizeHint: 1).ConfigureAwait(false))
        {
            return;
        }
    }
}
