namespace RecoveryCoach.Referrals.Reports;

/// <summary>
/// The service's figures for one period, for one team or the whole service, as computed: every
/// count exact. What may be shown of them, small numbers withheld, is <see cref="ReportTables"/>'s.
/// </summary>
/// <param name="Team">The team's code, or null for the whole service.</param>
/// <param name="ReceivedByWeek">Referrals received in each week the period touches.</param>
/// <param name="ReceivedByTeam">Referrals received, by the team they are with (null: no team), every team of the report listed.</param>
/// <param name="ReceivedByRelationship">Referrals received, by who referred, in <see cref="Submissions.ReferrerRelationshipNames.All"/> order.</param>
/// <param name="Decided">Referrals received in the period that the rules have decided.</param>
/// <param name="Eligible">Of those, how many were eligible.</param>
/// <param name="UnmetCriteria">Each criterion ineligible referrals did not meet, with how many did not; one referral may miss several.</param>
/// <param name="ClosuresByReason">Journeys closed in the period, by reason, most first.</param>
/// <param name="Discharged">People discharged from the trust in the period while with the service, by team.</param>
public sealed record ServiceReport(
    ReportPeriod Period,
    string? Team,
    DateTimeOffset ComputedAt,
    IReadOnlyList<(DateOnly WeekOf, int Count)> ReceivedByWeek,
    IReadOnlyList<(string? Team, int Count)> ReceivedByTeam,
    IReadOnlyList<(string Relationship, int Count)> ReceivedByRelationship,
    int Decided,
    int Eligible,
    IReadOnlyList<(string Criterion, int Count)> UnmetCriteria,
    FirstContactFigures FirstContact,
    ServiceWeeksFigures WeeksInService,
    IReadOnlyList<(string Reason, int Count)> ClosuresByReason,
    IReadOnlyList<WellbeingChange> Wellbeing,
    IReadOnlyList<GoalAttainment> Goals,
    IReadOnlyList<(string? Team, int Count)> Discharged);

/// <summary>How long people waited to be reached: first contacts made in the period, and whoever still waits now.</summary>
/// <param name="Contacted">First contacts made in the period.</param>
/// <param name="MedianDays">Median days from referral to first contact; null when nobody was contacted.</param>
/// <param name="Percentile90Days">The 90th percentile (nearest rank).</param>
/// <param name="StillWaiting">People waiting now for first contact, with a team or in triage.</param>
/// <param name="LongestWaitDays">The longest anyone still waiting has waited, in whole days.</param>
/// <param name="LongestWaitReference">Whose wait that is.</param>
/// <param name="LongestWaitTeam">Their team; null for triage.</param>
public sealed record FirstContactFigures(
    int Contacted,
    double? MedianDays,
    double? Percentile90Days,
    IReadOnlyList<(string Band, int Count)> ByBand,
    int StillWaiting,
    int? LongestWaitDays,
    string? LongestWaitReference,
    string? LongestWaitTeam);

/// <summary>Weeks from coaching agreement to closure, for journeys closed in the period that had an agreement.</summary>
/// <param name="ByWeeks">People by whole weeks in service (rounded), fewest first.</param>
/// <param name="Extended">How many of them had weeks added.</param>
/// <param name="ExtensionWeeks">How many weeks were added in all.</param>
public sealed record ServiceWeeksFigures(int People, double? MedianWeeks, IReadOnlyList<(int Weeks, int Count)> ByWeeks, int Extended, int ExtensionWeeks);

/// <summary>
/// One ONS4 question, at the coaching agreement and at closure, over the people who answered
/// it both times. Reported for each question apart: the four are never summed.
/// </summary>
/// <param name="Pairs">People with both answers.</param>
/// <param name="LowerIsBetter">True for anxiety.</param>
public sealed record WellbeingChange(string Question, bool LowerIsBetter, int Pairs, double? MeanAtAgreement, double? MeanAtClosure)
{
    public double? MeanChange => MeanAtClosure - MeanAtAgreement;
}

/// <summary>Final goal ratings of one goal category, over journeys closed in the period.</summary>
/// <param name="Goals">Goals rated.</param>
/// <param name="MeanRating">From −2 (much less than expected) to +2 (much more).</param>
/// <param name="AsExpectedOrBetter">Goals rated 0 or more.</param>
public sealed record GoalAttainment(string Category, int Goals, double? MeanRating, int AsExpectedOrBetter);
