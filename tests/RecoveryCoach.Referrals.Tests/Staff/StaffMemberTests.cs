using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Referrals.Tests.Staff;

public sealed class StaffMemberTests
{
    private static readonly StaffMember Coach = new("c@example.nhs.uk", "C", StaffRole.Coach, "cambridge");
    private static readonly StaffMember Lead = new("l@example.nhs.uk", "L", StaffRole.TeamLead, "cambridge");
    private static readonly StaffMember Admin = new("a@example.nhs.uk", "A", StaffRole.Admin, null);

    [Theory]
    [InlineData("cambridge", true, true, true)]
    [InlineData("huntingdon", false, false, true)]
    [InlineData(null, false, true, true)]
    public void CanSee_ByRoleAndTeam_OwnTeamForCoachesTriageTooForLeadsEverythingForAdmins(string? team, bool coach, bool lead, bool admin)
    {
        Coach.CanSee(team).Should().Be(coach);
        Lead.CanSee(team).Should().Be(lead);
        Admin.CanSee(team).Should().Be(admin);
    }

    [Fact]
    public void LeadsTeams_OnlyTeamLeadsAndAdmins()
    {
        Coach.LeadsTeams.Should().BeFalse();
        Lead.LeadsTeams.Should().BeTrue();
        Admin.LeadsTeams.Should().BeTrue();
    }

    [Fact]
    public void VisibleTeams_AreTheListsCanSeeAllows()
    {
        Coach.VisibleTeams.Should().Equal(Coach.Team);
        Lead.VisibleTeams.Should().Equal(Lead.Team, null);
        Admin.VisibleTeams.Should().Equal("cambridge", "huntingdon", "peterborough-fenland", null);
    }
}
