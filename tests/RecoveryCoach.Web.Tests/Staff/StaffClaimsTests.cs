using System.Security.Claims;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>How the claims an identity provider sends become the member of staff the service knows.</summary>
public sealed class StaffClaimsTests
{
    private static readonly StaffSignInOptions Entra = new() { RoleClaim = "roles", TeamClaim = "team", EmailClaim = "preferred_username" };

    [Fact]
    public void FromIdentityProvider_ACoachWithATeam_IsThatCoach()
    {
        var member = StaffClaims.FromIdentityProvider(Token(("preferred_username", "jo@cpft.nhs.uk"), ("name", "Jo"), ("roles", "coach"), ("team", "huntingdon")), Entra);

        member.Should().Be(new StaffMember("jo@cpft.nhs.uk", "Jo", StaffRole.Coach, "huntingdon"));
    }

    [Fact]
    public void FromIdentityProvider_AnAdmin_NeedsNoTeam()
    {
        var member = StaffClaims.FromIdentityProvider(Token(("preferred_username", "ad@cpft.nhs.uk"), ("roles", "admin")), Entra);

        member!.Role.Should().Be(StaffRole.Admin);
        member.Team.Should().BeNull();
    }

    [Theory]
    [InlineData("coach", null)]
    [InlineData("coach", "ely")]
    [InlineData("receptionist", "cambridge")]
    [InlineData(null, "cambridge")]
    public void FromIdentityProvider_NoKnownRoleOrTeam_IsNobody(string? role, string? team)
    {
        var claims = new List<(string, string)> { ("preferred_username", "x@cpft.nhs.uk") };
        if (role is not null)
        {
            claims.Add(("roles", role));
        }

        if (team is not null)
        {
            claims.Add(("team", team));
        }

        StaffClaims.FromIdentityProvider(Token([.. claims]), Entra).Should().BeNull();
    }

    [Fact]
    public void FromIdentityProvider_ReadsTheClaimNamesItIsGiven()
    {
        var cis2 = new StaffSignInOptions { RoleClaim = "nhsid_role", TeamClaim = "org_team", EmailClaim = "email" };

        var member = StaffClaims.FromIdentityProvider(Token(("email", "sam@nhs.net"), ("nhsid_role", "team-lead"), ("org_team", "cambridge")), cis2);

        member.Should().Be(new StaffMember("sam@nhs.net", "sam@nhs.net", StaffRole.TeamLead, "cambridge"));
    }

    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
