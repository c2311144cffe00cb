using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Referrals;

/// <summary>
/// A referral's state as the API shows it to staff who may see it: decisions (null until the
/// rules have decided), team, the journey values it runs on, where the journey stands, the
/// coaching plan in numbers, the closure, emails and timeline. Anyone else gets
/// <see cref="PublicReferralView"/>. The person's details and the reason are not shown even
/// here: staff read those on the referral page, where each view is recorded.
/// </summary>
public sealed record ReferralView(
    string Id,
    string Reference,
    ReferralStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    EligibilityView? Eligibility,
    AllocationView? Allocation,
    RecoveryCoach.Referrals.Rules.JourneyValues? Journey,
    JourneyStatus? Stage,
    CoachingView? Coaching,
    DateOnly? DischargedOn,
    ClosureView? Closure,
    IReadOnlyList<NotificationView> Notifications,
    IReadOnlyList<AuditEntry> Timeline)
{
    /// <param name="record">The referral as stored.</param>
    /// <param name="stage">Where its journey stands, from the journey's custom status; null before it starts.</param>
    public static ReferralView Of(ReferralRecord record, JourneyStatus? stage)
    {
        ArgumentNullException.ThrowIfNull(record);
        var referral = record.Referral;
        var eligibility = referral.Eligibility;
        return new ReferralView(
            referral.Id,
            referral.Reference,
            referral.Status,
            referral.SubmittedAt,
            referral.UpdatedAt,
            eligibility is null ? null : new EligibilityView(eligibility.Eligible, eligibility.Criteria, eligibility.RulesetVersion, record.DecidedAt!.Value),
            referral.Allocation is { } allocation
                ? new AllocationView(allocation.Team is { } team ? new TeamView(team.Code, team.Name) : null, allocation.NeedsTriage, allocation.Rule, allocation.Reason, allocation.RulesetVersion, record.DecidedAt!.Value)
                : null,
            referral.Journey,
            stage,
            referral.Plan is { } plan ? new CoachingView(plan.AgreedAt, plan.PlannedWeeks, plan.ExtensionWeeks, plan.CadenceDays, plan.EndsAt, plan.Goals.Count) : null,
            referral.DischargedOn,
            referral.Closure is { } closure ? new ClosureView(closure.ClosedAt, closure.Reason, ClosureReasons.Describe(closure.Reason)) : null,
            [.. record.Notifications.Select(n => new NotificationView(n.Key, n.Recipient, n.Sent ? "sent" : n.Withheld ? "withheld" : "failed", n.AttemptedAt, n.Failure))],
            record.Audit);
    }
}

/// <summary>The coaching plan in numbers; the goals themselves are the person's words and are not shown here.</summary>
public sealed record CoachingView(DateTimeOffset AgreedAt, int PlannedWeeks, int ExtensionWeeks, int CadenceDays, DateTimeOffset EndsAt, int Goals);

public sealed record ClosureView(DateTimeOffset ClosedAt, string Reason, string Description);

public sealed record EligibilityView(bool Eligible, IReadOnlyList<CriterionResult> Criteria, string RulesetVersion, DateTimeOffset DecidedAt);

public sealed record AllocationView(TeamView? Team, bool NeedsTriage, string? Rule, string Reason, string RulesetVersion, DateTimeOffset DecidedAt);

public sealed record TeamView(string Code, string Name);

/// <param name="Status">
/// <c>sent</c>; <c>failed</c>, tried again later; or <c>withheld</c>, never sent because its address had had the day's referral emails.
/// </param>
public sealed record NotificationView(string Key, string Recipient, string Status, DateTimeOffset AttemptedAt, string? Failure);

/// <summary>The answer to an accepted submission, shaped like Durable Functions' start response.</summary>
public sealed record ReferralAccepted(string Id, string Reference, ReferralStatus Status, Uri StatusQueryGetUri);
