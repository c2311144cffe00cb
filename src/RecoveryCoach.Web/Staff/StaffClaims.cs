using System.Security.Claims;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// The service's own claims for a member of staff, in the sign-in cookie whichever way they
/// signed in, so every page and endpoint reads one shape.
/// </summary>
public static class StaffClaims
{
    public const string Role = "recovery-coach/role";
    public const string Team = "recovery-coach/team";

    public static string RoleName(StaffRole role) => role switch
    {
        StaffRole.TeamLead => "team-lead",
        StaffRole.Admin => "admin",
        _ => "coach",
    };

    public static bool TryParseRole(string? name, out StaffRole role)
    {
        (var known, role) = name switch
        {
            "coach" => (true, StaffRole.Coach),
            "team-lead" => (true, StaffRole.TeamLead),
            "admin" => (true, StaffRole.Admin),
            _ => (false, StaffRole.Coach),
        };
        return known;
    }

    /// <summary>The identity the cookie keeps for <paramref name="member"/>.</summary>
    public static ClaimsIdentity IdentityOf(StaffMember member, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(member);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Email, member.Email),
            new(ClaimTypes.Name, member.Name),
            new(Role, RoleName(member.Role)),
        };
        if (member.Team is not null)
        {
            claims.Add(new Claim(Team, member.Team));
        }

        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, Role);
    }

    /// <summary>The member of staff signed in, or null when the principal is not one the service knows.</summary>
    public static StaffMember? MemberOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirstValue(ClaimTypes.Email) is not { Length: > 0 } email
            || !TryParseRole(user.FindFirstValue(Role), out var role))
        {
            return null;
        }

        var team = user.FindFirstValue(Team);
        if (role != StaffRole.Admin && !RecoveryCoach.Referrals.Team.TryFind(team, out _))
        {
            return null;
        }

        return new StaffMember(email, user.FindFirstValue(ClaimTypes.Name) ?? email, role, team);
    }

    /// <summary>
    /// The member of staff an identity provider's token describes, read through the claim names
    /// in <paramref name="options"/>; null when it gives no known role, or no known team for
    /// anyone but an admin.
    /// </summary>
    public static StaffMember? FromIdentityProvider(ClaimsPrincipal token, StaffSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(options);
        var email = token.FindFirstValue(options.EmailClaim) ?? token.FindFirstValue("email");
        if (email is null || !TryParseRole(token.FindFirstValue(options.RoleClaim), out var role))
        {
            return null;
        }

        var member = new StaffMember(email, token.FindFirstValue("name") ?? email, role, role == StaffRole.Admin ? null : token.FindFirstValue(options.TeamClaim));
        return MemberOf(new ClaimsPrincipal(IdentityOf(member, "identity-provider")));
    }

    /// <summary>
    /// Whether <paramref name="user"/> is a member of staff who may see <paramref name="referral"/>
    /// in full (<see cref="StaffMember.CanSee(RecoveryCoach.Referrals.Referral)"/>); false for anyone not signed in.
    /// </summary>
    public static bool MaySee(this ClaimsPrincipal user, RecoveryCoach.Referrals.Referral referral) =>
        MemberOf(user)?.CanSee(referral) == true;

    /// <summary>The member of staff signed in; the staff policy guarantees there is one.</summary>
    public static StaffMember Member(this ClaimsPrincipal user) =>
        MemberOf(user) ?? throw new InvalidOperationException("A staff page or endpoint was reached without a member of staff signed in.");
}
