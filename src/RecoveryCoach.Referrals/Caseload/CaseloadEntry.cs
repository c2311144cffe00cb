using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Caseload;

/// <summary>Where a referral stands, as the caseload list shows and filters it.</summary>
public enum CaseloadStage
{
    /// <summary>Received; the rules have not decided yet.</summary>
    Deciding,

    /// <summary>Eligible, waiting for a team lead to choose the team.</summary>
    Triage,

    /// <summary>With a team, waiting for first contact and the initial conversation.</summary>
    FirstContact,

    /// <summary>Coaching is right; the coaching agreement is being made.</summary>
    Agreeing,

    /// <summary>The agreement is in place: sessions and check-ins, week n of m.</summary>
    Coaching,

    /// <summary>Outcomes are being recorded for closure.</summary>
    Closing,

    /// <summary>Not eligible, or closed.</summary>
    Finished,
}

/// <summary>A task still open on a referral, as the caseload shows its next step.</summary>
public sealed record OpenTask(string Id, CoachTaskType Type, DateTimeOffset DueAt, string? Assignee);

/// <summary>
/// One referral as the caseload list, the worklist and search results show it: who, where it
/// stands, who has it and what is due next. Kept beside the referral by <see cref="CaseloadIndex"/>,
/// so a list of a team's people reads one partition instead of every referral.
/// </summary>
/// <param name="Team">The team's code; null for referrals no team has (being decided, triage, not eligible).</param>
/// <param name="AgreedAt">When the coaching agreement was made, from which coaching weeks count.</param>
/// <param name="PlannedWeeks">Weeks of coaching agreed, extensions included.</param>
/// <param name="OpenTasks">The referral's open tasks, soonest due first.</param>
public sealed record CaseloadEntry(
    string ReferralId,
    string Reference,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string? Team,
    ReferralStatus Status,
    string? Coach,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AgreedAt,
    int? PlannedWeeks,
    IReadOnlyList<OpenTask> OpenTasks)
{
    public string Name => $"{GivenName} {FamilyName}";

    public bool IsOpen => Status is not (ReferralStatus.Closed or ReferralStatus.Ineligible);

    /// <summary>The open task due soonest, if any.</summary>
    public OpenTask? NextTask => OpenTasks.MinBy(t => t.DueAt);

    public CaseloadStage Stage => Status switch
    {
        ReferralStatus.Received => CaseloadStage.Deciding,
        ReferralStatus.AwaitingTriage => CaseloadStage.Triage,
        ReferralStatus.Allocated => CaseloadStage.FirstContact,
        ReferralStatus.Agreeing => CaseloadStage.Agreeing,
        ReferralStatus.Coaching when OpenTasks.Any(t => t.Type == CoachTaskType.Closure) => CaseloadStage.Closing,
        ReferralStatus.Coaching => CaseloadStage.Coaching,
        _ => CaseloadStage.Finished,
    };

    /// <summary>The week of coaching <paramref name="now"/> falls in, from 1, held at the last planned week.</summary>
    public int? CoachingWeek(DateTimeOffset now) => AgreedAt is { } agreed && PlannedWeeks is { } weeks
        ? Math.Clamp((int)Math.Floor((now - agreed).TotalDays / 7) + 1, 1, Math.Max(weeks, 1))
        : null;

    /// <summary>Whole days since the referral was received.</summary>
    public int DaysWaiting(DateTimeOffset now) => Math.Max(0, (int)Math.Floor((now - SubmittedAt).TotalDays));

    /// <summary>The stage in words staff read: "Coaching, week 3 of 6".</summary>
    public string DescribeStage(DateTimeOffset now) => Stage switch
    {
        CaseloadStage.Deciding => "Being decided",
        CaseloadStage.Triage => "Waiting for a team",
        CaseloadStage.FirstContact => "Waiting for first contact",
        CaseloadStage.Agreeing => "Agreeing the coaching",
        CaseloadStage.Coaching when CoachingWeek(now) is { } week => $"Coaching, week {week} of {PlannedWeeks}",
        CaseloadStage.Coaching => "Coaching",
        CaseloadStage.Closing => "Closing",
        _ => Status == ReferralStatus.Ineligible ? "Not eligible" : "Closed",
    };

    /// <summary>This entry with the referral's own facts as they are now, its open tasks kept.</summary>
    public static CaseloadEntry From(Referral referral, IReadOnlyList<OpenTask> openTasks)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var person = referral.Details.Person;
        return new CaseloadEntry(
            referral.Id,
            referral.Reference,
            person.GivenName,
            person.FamilyName,
            person.DateOfBirth,
            referral.TeamCode,
            referral.Status,
            referral.Coach,
            referral.SubmittedAt,
            referral.Plan?.AgreedAt,
            referral.Plan is { } plan ? plan.PlannedWeeks + plan.ExtensionWeeks : null,
            referral.IsFinished ? [] : openTasks);
    }
}
