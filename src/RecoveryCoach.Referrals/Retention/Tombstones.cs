using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// The <c>{TaskHub}Tombstones</c> table: one <see cref="Tombstone"/> per deleted referral, in the
/// partition of the UK month it was submitted, keyed by its reference, which stays reserved so it
/// is never given to another referral. It holds no id, name, contact or clinical detail.
/// </summary>
public sealed class Tombstones
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly CreatedTable table;

    public Tombstones(TableServiceClient service, IOptions<StorageOptions> options)
    {
        table = CreatedTable.Named(service, options, "Tombstones");
    }

    /// <summary>
    /// Writes the tombstone unless one is there: the first is written while the referral is
    /// whole, and a purge finished later by another run must not write it again from what is left.
    /// </summary>
    public async Task WriteAsync(Tombstone tombstone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(MonthOf(tombstone.SubmittedAt), tombstone.Reference)
        {
            ["SubmittedAt"] = tombstone.SubmittedAt,
            ["DecidedAt"] = tombstone.DecidedAt,
            ["ClosedAt"] = tombstone.ClosedAt,
            ["Team"] = tombstone.Team,
            ["Status"] = tombstone.Status.ToString(),
            ["Outcome"] = tombstone.Outcome,
            ["PurgedAt"] = tombstone.PurgedAt,
        };
        try
        {
            await client.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Written by an earlier run of the same purge.
        }
    }

    /// <summary>The tombstone of a reference submitted in the UK month of <paramref name="submittedAt"/>, or null.</summary>
    public async Task<Tombstone?> GetAsync(string reference, DateTimeOffset submittedAt, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<TableEntity>(MonthOf(submittedAt), reference, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return null;
        }

        var row = found.Value!;
        return new Tombstone(
            reference,
            row.GetDateTimeOffset("SubmittedAt")!.Value,
            row.GetDateTimeOffset("DecidedAt"),
            row.GetDateTimeOffset("ClosedAt"),
            row.GetString("Team"),
            Enum.Parse<ReferralStatus>(row.GetString("Status")),
            row.GetString("Outcome"),
            row.GetDateTimeOffset("PurgedAt")!.Value);
    }

    private static string MonthOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
