namespace RecoveryCoach.Referrals.Caseload;

/// <summary>
/// A team's caseload as a team lead reads it: who is being coached, who still waits to be
/// contacted, what is overdue, how long people wait for first contact, and how journeys ended.
/// Computed from the records, never entered twice.
/// </summary>
/// <param name="Team">The team's code, or null for every team.</param>
/// <param name="Active">Referrals under way: allocated, agreeing or coaching.</param>
/// <param name="WaitingForFirstContact">Allocated or awaiting triage, with the initial conversation not yet held.</param>
/// <param name="OverdueTasks">Open tasks past their due date.</param>
/// <param name="MedianDaysToFirstContact">From referral to the initial conversation, over those held; null when none has been.</param>
/// <param name="LongestWaitDays">The longest anyone still waiting has waited since referral; null when nobody waits.</param>
/// <param name="LongestWaitReference">Whose wait that is, by reference.</param>
/// <param name="ClosuresByReason">Closed referrals by closure reason, most first.</param>
public sealed record CaseloadReport(
    string? Team,
    int Active,
    int WaitingForFirstContact,
    int OverdueTasks,
    double? MedianDaysToFirstContact,
    double? LongestWaitDays,
    string? LongestWaitReference,
    IReadOnlyList<(string Reason, int Count)> ClosuresByReason);
