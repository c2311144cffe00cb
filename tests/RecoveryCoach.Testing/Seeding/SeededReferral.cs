using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// One referral of a seeded store, in the shape the service's stores take it: the referral as
/// its journey has left it, with the timeline the journey and staff wrote, and every task the
/// journey gave: done, cancelled at closure, and, for a referral still open, the ones under way.
/// </summary>
/// <param name="DecidedAt">When the rules decided it, which the decision rows record.</param>
/// <param name="Audit">Its timeline in the order it was written, as the referral store keeps it.</param>
/// <param name="Tasks">Its tasks in the order the journey gave them.</param>
public sealed record SeededReferral(Referral Referral, DateTimeOffset DecidedAt, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<CoachTask> Tasks)
{
    public IEnumerable<CoachTask> OpenTasks => Tasks.Where(t => t.Status == CoachTaskStatus.Open);
}
