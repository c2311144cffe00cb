using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// The <c>{TaskHub}Retention</c> table: a line per finished referral, in the partition of the
/// UTC month it is due (<c>2046-11</c>), keyed by its id. The daily purge finds what is due with
/// one range over the months up to now, never a read of every referral. A line stays until the
/// last step of its referral's purge, so a purge cut short is found and finished by the next.
/// </summary>
public sealed class RetentionIndex
{
    private readonly CreatedTable table;

    public RetentionIndex(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "Retention");
    }

    /// <summary>Puts a referral in the month it is due; doing it again for the same date changes only its facts key, which nothing has used yet.</summary>
    public async Task ScheduleAsync(string referralId, DateTimeOffset deleteAfter, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(MonthOf(deleteAfter), referralId)
        {
            ["DeleteAfter"] = deleteAfter,
            ["FactsKey"] = RandomNumberGenerator.GetHexString(32, lowercase: true),
        };
        await client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every line due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<RetentionDue>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {MonthOf(now)} and DeleteAfter le {now}");
        var due = new List<RetentionDue>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(new RetentionDue(row.RowKey, row.GetDateTimeOffset("DeleteAfter")!.Value, row.GetString("FactsKey")));
        }

        return [.. due.OrderBy(d => d.DeleteAfter)];
    }

    /// <summary>The line of a referral, in the month of <paramref name="deleteAfter"/>, or null.</summary>
    public async Task<RetentionDue?> GetAsync(string referralId, DateTimeOffset deleteAfter, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await client.GetEntityIfExistsAsync<TableEntity>(MonthOf(deleteAfter), referralId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new RetentionDue(referralId, row.Value!.GetDateTimeOffset("DeleteAfter")!.Value, row.Value.GetString("FactsKey")) : null;
    }

    /// <summary>Removes a line: the last step of a purge, or a line left by a change that never committed.</summary>
    public async Task RemoveAsync(RetentionDue due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        await client.DeleteEntityAsync(MonthOf(due.DeleteAfter), due.ReferralId, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition of a date: its UTC month.</summary>
    internal static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
