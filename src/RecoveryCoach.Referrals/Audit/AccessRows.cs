using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Referrals.Audit;

/// <summary>
/// How an <see cref="AccessEntry"/> is kept in the <c>AccessLog</c> table. Row keys count down from
/// the end of time, so a partition reads newest first, and end in random hex, so rows written in the
/// same tick by anyone never clash and no row is ever written twice or updated.
/// </summary>
internal static class AccessRows
{
    public const string ReferralPrefix = "referral-";
    public const string MonthPrefix = "month-";

    public static string ReferralPartition(string referralId) => ReferralPrefix + referralId;

    public static string MonthPartition(DateTimeOffset at) => MonthPrefix + UkDate.Of(at).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first 19 characters of the keys of rows written at <paramref name="at"/>; later rows sort first.</summary>
    public static string KeyPrefix(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    public static string NewKey(DateTimeOffset at) => KeyPrefix(at) + "-" + RandomNumberGenerator.GetHexString(12, lowercase: true);

    public static TableEntity ToRow(AccessEntry entry, string partition, string rowKey) => new(partition, rowKey)
    {
        ["At"] = entry.At,
        ["Who"] = entry.Who,
        ["WhoKey"] = entry.Who.ToLowerInvariant(),
        ["Role"] = entry.Role.ToString(),
        ["Team"] = entry.Team,
        ["From"] = entry.From,
        ["Action"] = entry.Action,
        ["Detail"] = entry.Detail,
        ["ReferralId"] = entry.Referral?.Id,
        ["Reference"] = entry.Referral?.Reference,
        ["ReferralTeam"] = entry.Referral?.Team,
        ["ReferralIds"] = string.Join(' ', entry.ReferralIds),
        ["OutOfTeam"] = entry.OutOfTeam,
        ["MonthPartition"] = MonthPartition(entry.At),
    };

    public static AccessEntry FromRow(TableEntity row)
    {
        var referralId = row.GetString("ReferralId");
        return new AccessEntry(
            row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
            row.GetString("Who") ?? string.Empty,
            Enum.TryParse<StaffRole>(row.GetString("Role"), out var role) ? role : StaffRole.Coach,
            row.GetString("Team"),
            row.GetString("From") ?? string.Empty,
            row.GetString("Action") ?? string.Empty,
            row.GetString("Detail") ?? string.Empty,
            referralId is null ? null : new AccessedReferral(referralId, row.GetString("Reference") ?? string.Empty, row.GetString("ReferralTeam")),
            (row.GetString("ReferralIds") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            row.GetBoolean("OutOfTeam") ?? false);
    }
}
