namespace RecoveryCoach.Referrals.Staff;

/// <summary>What a member of staff does in the service; it decides what they may see and do.</summary>
public enum StaffRole
{
    /// <summary>A recovery coach or peer support worker: their own team's referrals and tasks.</summary>
    Coach,

    /// <summary>A team lead: their team's referrals and tasks, triage, escalations and extensions.</summary>
    TeamLead,

    /// <summary>Every team's referrals and tasks.</summary>
    Admin,
}

/// <summary>
/// The signed-in member of staff, as their sign-in claims describe them. Every staff action is
/// checked against it and recorded under its email.
/// </summary>
/// <param name="Email">Their work email: who they are on timelines and tasks, and where reminders go.</param>
/// <param name="Name">Their name, for pages.</param>
/// <param name="Role">What they may do.</param>
/// <param name="Team">The team code they belong to; null only for an admin.</param>
public sealed record StaffMember(string Email, string Name, StaffRole Role, string? Team)
{
    /// <summary>
    /// Whether they may see the referrals and tasks of <paramref name="team"/>; null is triage,
    /// the team leads' shared list of referrals no team has yet.
    /// </summary>
    public bool CanSee(string? team) => Role switch
    {
        StaffRole.Admin => true,
        StaffRole.TeamLead => team is null || team == Team,
        _ => team is not null && team == Team,
    };

    /// <summary>
    /// Whether they may see <paramref name="referral"/> in full: the one rule the staff referral
    /// page, the referral API and the journey requests all ask.
    /// </summary>
    public bool CanSee(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return CanSee(referral.TeamCode);
    }

    /// <summary>
    /// The lists they may see, by <see cref="CanSee(string?)"/>: every team's code for an admin,
    /// their own for anyone else, and null, for triage, for team leads and admins.
    /// </summary>
    public IEnumerable<string?> VisibleTeams =>
        Referrals.Team.Lists.Where(CanSee);

    /// <summary>Team leads and admins answer triage and requests for more weeks.</summary>
    public bool LeadsTeams => Role is StaffRole.TeamLead or StaffRole.Admin;
}
