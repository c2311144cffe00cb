using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// One row per referral and kind of journey request (<c>request-{kind}</c> in the referral's
/// partition) while the request is on its way to the journey. Inserting a row is atomic, so of
/// two requests at once only one holds it and the other is told so; nothing is accepted and
/// then dropped. The journey's step that acts on the request releases it. A hold older than
/// <see cref="StaleAfter"/> is taken over, so a request whose signal was lost, or that the
/// journey had no use for, never blocks the next one for long.
/// </summary>
public sealed class PendingRequestStore
{
    /// <summary>Far longer than a running journey takes to act on a signal, even after a worker restarts.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    private const string Prefix = "request-";
    private readonly CreatedTable table;

    public PendingRequestStore(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "Referrals");
    }

    /// <returns>False when another request of this kind holds the referral and is not yet stale.</returns>
    public async Task<bool> TryHoldAsync(string referralId, JourneyRequestKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(referralId, Key(kind)) { ["At"] = now };
        try
        {
            await client.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Held already: by a request a moment ago, or by one left behind.
        }

        var held = await client.GetEntityIfExistsAsync<TableEntity>(referralId, Key(kind), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!held.HasValue || held.Value!.GetDateTimeOffset("At") is not { } at || at > now - StaleAfter)
        {
            return false;
        }

        try
        {
            await client.UpdateEntityAsync(row, held.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Another request took the stale hold over, or the journey released it, just now.
            return false;
        }
    }

    /// <summary>Lets the next request of this kind through; releasing what is not held does nothing.</summary>
    public async Task ReleaseAsync(string referralId, JourneyRequestKind kind, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        await client.DeleteEntityAsync(referralId, Key(kind), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(JourneyRequestKind kind) => Prefix + kind.ToString().ToLowerInvariant();
}
