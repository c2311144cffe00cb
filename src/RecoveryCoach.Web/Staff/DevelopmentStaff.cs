using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// The people a developer can sign in as in Development: a coach of each team, a team lead and
/// an admin. They exist only for the Development sign-in page.
/// </summary>
public static class DevelopmentStaff
{
    public static IReadOnlyList<StaffMember> All { get; } =
    [
        new("casey.coach@cpft.nhs.uk", "Casey Coach", StaffRole.Coach, "cambridge"),
        new("robin.coach@cpft.nhs.uk", "Robin Coach", StaffRole.Coach, "cambridge"),
        new("hana.coach@cpft.nhs.uk", "Hana Coach", StaffRole.Coach, "huntingdon"),
        new("pip.coach@cpft.nhs.uk", "Pip Coach", StaffRole.Coach, "peterborough-fenland"),
        new("lee.lead@cpft.nhs.uk", "Lee Lead", StaffRole.TeamLead, "cambridge"),
        new("hari.lead@cpft.nhs.uk", "Hari Lead", StaffRole.TeamLead, "huntingdon"),
        new("ada.admin@cpft.nhs.uk", "Ada Admin", StaffRole.Admin, null),
    ];
}
