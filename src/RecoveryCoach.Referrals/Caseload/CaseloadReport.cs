namespace RecoveryCoach.Referrals.Caseload;

/// <summary>
/// Where a caseload stands now, at a glance: who is under way, who still waits to be reached,
/// what is overdue and who has waited longest. Counted from the open lines a caseload list
/// reads anyway; the figures over a period are the reports'.
/// </summary>
/// <param name="Active">Referrals under way: with a team, agreeing, coaching or closing.</param>
/// <param name="WaitingForFirstContact">With a team or waiting for one, not yet reached.</param>
/// <param name="OverdueTasks">Open tasks past their due date.</param>
/// <param name="LongestWaiting">Who, of those waiting for first contact, was referred first; null when nobody waits.</param>
/// <param name="LongestWaitDays">How many whole days they have waited.</param>
public sealed record CaseloadReport(int Active, int WaitingForFirstContact, int OverdueTasks, CaseloadEntry? LongestWaiting, int? LongestWaitDays)
{
    public static CaseloadReport From(IEnumerable<CaseloadEntry> open, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(open);
        var lines = open.Where(e => e.IsOpen).ToList();
        var longest = lines.Where(e => e.Stage is CaseloadStage.FirstContact or CaseloadStage.Triage).MinBy(e => e.SubmittedAt);
        return new CaseloadReport(
            lines.Count(e => e.Stage is CaseloadStage.FirstContact or CaseloadStage.Agreeing or CaseloadStage.Coaching or CaseloadStage.Closing),
            lines.Count(e => e.Stage is CaseloadStage.FirstContact or CaseloadStage.Triage),
            lines.Sum(e => e.OpenTasks.Count(t => now > t.DueAt)),
            longest,
            longest?.DaysWaiting(now));
    }
}
