using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals;

/// <summary>
/// The coaching agreement: the person's own goals, their wellbeing at the start, and how long
/// and how often. The goals are the person's words; they are shown to staff, never emailed.
/// </summary>
/// <param name="AgreedAt">When the agreement was recorded; weeks count from here.</param>
/// <param name="Goals">One to six goals, in the order they are numbered in check-ins.</param>
/// <param name="Baseline">ONS4 at the start.</param>
/// <param name="PlannedWeeks">Weeks agreed, within the journey rules' bounds.</param>
/// <param name="CadenceDays">Days between check-ins.</param>
/// <param name="PeerSupportWorker">Who gives peer support.</param>
/// <param name="ExtensionWeeks">Weeks a team lead has added since.</param>
public sealed record CoachingPlan(
    DateTimeOffset AgreedAt,
    IReadOnlyList<Goal> Goals,
    Wellbeing Baseline,
    int PlannedWeeks,
    int CadenceDays,
    string PeerSupportWorker,
    int ExtensionWeeks = 0)
{
    /// <summary>When coaching is planned to end, extensions included.</summary>
    public DateTimeOffset EndsAt => AgreedAt.AddDays(7 * (PlannedWeeks + ExtensionWeeks));
}
