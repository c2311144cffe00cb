using System.Globalization;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Web.Pages.Staff;

/// <summary>
/// Rows of the access log as both access log pages draw them, in UK time, with rows about a
/// referral outside the member's team tagged, so that an admin reading it sees them at a glance.
/// </summary>
/// <param name="Caption">What the table lists, for people using a screen reader.</param>
/// <param name="ShowReferral">Whether to show which referral each row concerns: the service-wide log does, one referral's does not need to.</param>
public sealed record AccessTable(IReadOnlyList<AccessEntry> Entries, string Caption, bool ShowReferral)
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime).ToString("d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string RoleOf(AccessEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var role = entry.Role switch
        {
            StaffRole.Admin => "Admin",
            StaffRole.TeamLead => "Team lead",
            _ => "Coach",
        };
        return entry.Team is { } code ? $"{role}, {TeamName(code)}" : role;
    }

    public static string TeamName(string? code) => Team.TryFind(code, out var team) ? team.Name : "No team";
}
