using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Referrals.Audit;

/// <summary>
/// One thing a member of staff did with people's records: who they are (and their role and team
/// at the time, since both change), when, from which address, what they did and to which
/// referral. It is the answer to "who saw or changed this person's record?", kept apart from the
/// care timeline so that coaches read care there and the audit cannot crowd it out.
/// </summary>
/// <param name="At">When.</param>
/// <param name="Who">The member of staff's work email.</param>
/// <param name="Role">Their role when they did it.</param>
/// <param name="Team">Their team's code when they did it; null for an admin.</param>
/// <param name="From">The client address the request came from.</param>
/// <param name="Action">One of <see cref="AccessActions"/>.</param>
/// <param name="Detail">
/// What exactly: the page or call viewed, the words searched for, what was exported, or the change
/// made with the value it replaced. Staff-only, like the whole log.
/// </param>
/// <param name="Referral">The one referral it concerned; null for a search, a report, or the service-wide log.</param>
/// <param name="ReferralIds">For a search, every referral it showed.</param>
/// <param name="OutOfTeam">
/// The referral belongs to a team that is not the member's own: an admin (who may see every team)
/// or a lead answering for another team. Such rows are flagged so that another admin can tell.
/// </param>
public sealed record AccessEntry(
    DateTimeOffset At,
    string Who,
    StaffRole Role,
    string? Team,
    string From,
    string Action,
    string Detail,
    AccessedReferral? Referral,
    IReadOnlyList<string> ReferralIds,
    bool OutOfTeam)
{
    /// <summary>What <paramref name="member"/> did, from <paramref name="from"/>, to <paramref name="referral"/> (or to none).</summary>
    public static AccessEntry Of(StaffMember member, string from, DateTimeOffset at, string action, string detail, Referral? referral)
    {
        ArgumentNullException.ThrowIfNull(member);
        var accessed = referral is null ? null : new AccessedReferral(referral.Id, referral.Reference, referral.TeamCode);
        return new AccessEntry(at, member.Email, member.Role, member.Team, from, action, detail, accessed, accessed is null ? [] : [accessed.Id], IsOutOfTeam(member, accessed?.Team));
    }

    /// <summary>
    /// Whether a referral of <paramref name="team"/> is outside <paramref name="member"/>'s own team.
    /// A referral no team has yet (triage) belongs to no team, so looking at it is never out of team.
    /// </summary>
    public static bool IsOutOfTeam(StaffMember member, string? team)
    {
        ArgumentNullException.ThrowIfNull(member);
        return team is not null && !string.Equals(team, member.Team, StringComparison.Ordinal);
    }
}
