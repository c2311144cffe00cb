using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Reports;

/// <summary>A goal's final rating, by the goal's category, as goal attainment is reported.</summary>
/// <param name="Category">One of <see cref="GoalCategories.All"/>; <c>other</c> when none was given.</param>
/// <param name="Rating">From −2 (much less than expected) to +2 (much more).</param>
public sealed record GoalRating(string Category, int Rating);

/// <summary>
/// What the service's reports need of one referral, and nothing that names the person: who
/// referred (the kind, not the name), what was decided, when each step happened and how the
/// journey ended. Derived from the referral alone, so it can always be written again from it.
/// </summary>
/// <param name="Team">The team's code; null for referrals no team has (triage, not eligible).</param>
/// <param name="Relationship">Who referred: <c>self</c>, <c>care-coordinator</c> or <c>someone-who-knows-them</c>.</param>
/// <param name="Eligible">The rules' decision; null until decided.</param>
/// <param name="UnmetCriteria">The criteria an ineligible referral did not meet, by the rules' names for them.</param>
/// <param name="PlannedWeeks">Weeks of coaching agreed, before extensions.</param>
/// <param name="ExtensionWeeks">Weeks a team lead added.</param>
/// <param name="Baseline">ONS4 at the coaching agreement.</param>
/// <param name="End">ONS4 at closure.</param>
/// <param name="DischargedOn">When the person left the trust's care while with the service.</param>
public sealed record ReferralFacts(
    string ReferralId,
    string Reference,
    string? Team,
    DateTimeOffset ReceivedAt,
    string Relationship,
    bool? Eligible,
    IReadOnlyList<string> UnmetCriteria,
    DateTimeOffset? FirstContactAt,
    DateTimeOffset? AgreedAt,
    int? PlannedWeeks,
    int ExtensionWeeks,
    Wellbeing? Baseline,
    DateTimeOffset? ClosedAt,
    string? ClosureReason,
    Wellbeing? End,
    IReadOnlyList<GoalRating> Goals,
    DateOnly? DischargedOn)
{
    /// <summary>Days from referral to first contact, for those reached.</summary>
    public double? DaysToFirstContact => FirstContactAt is { } at ? Math.Max(0, (at - ReceivedAt).TotalDays) : null;

    /// <summary>Weeks from the coaching agreement to closure, for journeys that reached both.</summary>
    public double? WeeksInService => AgreedAt is { } agreed && ClosedAt is { } closed ? Math.Max(0, (closed - agreed).TotalDays / 7) : null;

    public static ReferralFacts From(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var plan = referral.Plan;
        var closed = referral.Status == ReferralStatus.Closed ? referral.Closure : null;
        return new ReferralFacts(
            referral.Id,
            referral.Reference,
            referral.TeamCode,
            referral.SubmittedAt,
            referral.Details.Referrer.Relationship.ToName(),
            referral.Eligibility?.Eligible,
            [.. (referral.Eligibility?.Criteria ?? []).Where(c => !c.Met).Select(c => c.Criterion)],
            referral.FirstContactAt,
            plan?.AgreedAt,
            plan?.PlannedWeeks,
            plan?.ExtensionWeeks ?? 0,
            plan?.Baseline,
            closed?.ClosedAt,
            closed?.Reason,
            closed?.Wellbeing,
            closed is null ? [] : Ratings(closed, plan),
            referral.DischargedOn);
    }

    /// <summary>Each rated goal's category, read from the agreement by the goal's number (from 1).</summary>
    private static List<GoalRating> Ratings(ClosureRecord closure, CoachingPlan? plan) =>
        [.. (closure.GoalOutcomes ?? [])
            .Where(g => g.Rating is not null)
            .Select(g => new GoalRating(
                g.Goal is { } n && plan is not null && n >= 1 && n <= plan.Goals.Count ? plan.Goals[n - 1].Category ?? "other" : "other",
                g.Rating!.Value))];
}
