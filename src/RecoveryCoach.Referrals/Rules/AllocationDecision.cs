namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// Which team a referral goes to. With no team, a team lead triages it by hand: a referral is
/// never dropped for want of a rule.
/// </summary>
/// <param name="Team">The allocated team, or null when the referral needs manual triage.</param>
/// <param name="Rule">The rule that matched, or null when none did.</param>
/// <param name="Reason">Why, in words a person can read.</param>
/// <param name="RulesetVersion">The version of the rule files that decided.</param>
public sealed record AllocationDecision(Team? Team, string? Rule, string Reason, string RulesetVersion)
{
    public bool NeedsTriage => Team is null;
}
