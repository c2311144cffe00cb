using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// Caps the referral emails any one address a submitter gave receives in a UK day, whoever
/// submits, so the service cannot be used to flood a stranger with NHS-branded mail. Counts live
/// in the task hub's <c>{TaskHub}MailCounts</c> table, one row per day and address, keyed by a
/// hash of the address, never the address. A row lists the Message-Ids it counted, so a retried
/// send of the same email is let through without being counted twice.
/// </summary>
public sealed class RecipientMailLimit
{
    private const int ConflictRetries = 10;
    private const string MessageIdsColumn = "MessageIds";
    private readonly CreatedTable table;
    private readonly int perDay;
    private readonly TimeProvider time;

    public RecipientMailLimit(TableServiceClient service, IOptions<StorageOptions> storage, IOptions<NotificationOptions> notifications, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        table = CreatedTable.Named(service, storage, "MailCounts");
        perDay = notifications.Value.ReferralEmailsPerAddressPerDay;
        this.time = time;
    }

    /// <summary>The most referral emails one address receives in a UK day.</summary>
    public int PerDay => perDay;

    /// <summary>
    /// Counts <paramref name="email"/> against its address's limit for today. Writes are
    /// conditional on the row's ETag, so two workers counting at once never both take the last place.
    /// </summary>
    /// <returns>True when it may be sent: counted now, or counted before by an earlier try; false when the address has had its limit today.</returns>
    public async Task<bool> TryCountAsync(ReferralEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var day = UkDate.Of(time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var row = AddressKey(email.Message.To.Mailboxes.Single().Address);
        var messageId = email.Message.MessageId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await client.GetEntityIfExistsAsync<TableEntity>(day, row, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!existing.HasValue)
                {
                    await client.AddEntityAsync(new TableEntity(day, row) { [MessageIdsColumn] = messageId, ["Count"] = 1 }, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                var entity = existing.Value!;
                var counted = (entity.GetString(MessageIdsColumn) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (counted.Contains(messageId, StringComparer.Ordinal))
                {
                    return true;
                }

                if (counted.Length >= perDay)
                {
                    return false;
                }

                entity[MessageIdsColumn] = string.Join('\n', counted.Append(messageId));
                entity["Count"] = counted.Length + 1;
                await client.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < ConflictRetries)
            {
                // Another send to the same address counted first: read its count and try again.
            }
        }
    }

    /// <summary>
    /// Removes a deleted referral's emails from the counts of the UK days <paramref name="from"/>
    /// to <paramref name="to"/>: each Message-Id names the referral, and a row left with none is
    /// deleted, so no hash of its addresses stays behind for it. The days are long past, so the
    /// lower counts let nothing more through.
    /// </summary>
    public async Task ForgetAsync(string referralId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var (first, last) = (from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var mine = referralId + ".";
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        foreach (var row in rows)
        {
            var counted = (row.GetString(MessageIdsColumn) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var kept = counted.Where(id => !id.StartsWith(mine, StringComparison.Ordinal)).ToList();
            if (kept.Count == counted.Length)
            {
                continue;
            }

            // Conditional on the row as read: a send counted meanwhile makes the next purge run do it again.
            await (kept.Count == 0
                ? client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken)
                : client.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { [MessageIdsColumn] = string.Join('\n', kept), ["Count"] = kept.Count }, row.ETag, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>The row key of an address: its SHA-256, the same whatever the case or spaces around it.</summary>
    public static string AddressKey(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant())));
    }
}
