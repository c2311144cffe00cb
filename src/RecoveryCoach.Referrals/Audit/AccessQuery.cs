namespace RecoveryCoach.Referrals.Audit;

/// <summary>Which rows of the service-wide access log to read: whose, over which UK days, and how many at most.</summary>
/// <param name="Who">One member of staff's email, in any case; null for everyone.</param>
/// <param name="From">The first UK day.</param>
/// <param name="To">The last UK day, included.</param>
/// <param name="Most">The most rows returned; the answer says when more matched.</param>
public sealed record AccessQuery(string? Who, DateOnly From, DateOnly To, int Most);

/// <summary>The rows an <see cref="AccessQuery"/> found, newest first.</summary>
/// <param name="Entries">At most the query's <c>Most</c>.</param>
/// <param name="More">More rows matched than were returned.</param>
public sealed record AccessPage(IReadOnlyList<AccessEntry> Entries, bool More);
