using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals;

/// <summary>How a referral's journey ended: recorded once, and the source of every report on outcomes.</summary>
/// <param name="ClosedAt">When the referral closed.</param>
/// <param name="Reason">One of <see cref="ClosureReasons"/>.</param>
/// <param name="GoalOutcomes">The final rating of each goal, when the journey reached a closure task.</param>
/// <param name="ConnectedWith">Organisations and activities the person was connected with.</param>
/// <param name="Wellbeing">ONS4 at the end.</param>
public sealed record ClosureRecord(
    DateTimeOffset ClosedAt,
    string Reason,
    IReadOnlyList<GoalProgress>? GoalOutcomes = null,
    IReadOnlyList<string>? ConnectedWith = null,
    Wellbeing? Wellbeing = null);

/// <summary>Why a journey ended, as recorded and reported.</summary>
public static class ClosureReasons
{
    /// <summary>The planned weeks ran their course.</summary>
    public const string Completed = "completed";

    /// <summary>Closed early, at the person's or team's request.</summary>
    public const string EndedEarly = "ended-early";

    public const string Disengaged = "disengaged";

    public const string MovedAway = "moved-away";

    /// <summary>The initial conversation found coaching is not right for now; the person was signposted.</summary>
    public const string NotRightNow = "not-right-now";

    /// <summary>The person could not be reached after the journey rules' number of attempts.</summary>
    public const string NotEngaged = "not-engaged";

    /// <summary>Closed early before any coaching agreement was made.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>In plain words, for emails and the GP summary.</summary>
    public static string Describe(string reason) => reason switch
    {
        Completed => "coaching was completed as planned",
        EndedEarly => "coaching ended early",
        Disengaged => "the person stopped taking part",
        MovedAway => "the person moved out of the area",
        NotRightNow => "the person and the team agreed that coaching is not right for now",
        NotEngaged => "the team could not reach the person",
        Withdrawn => "the referral was closed before coaching began",
        _ => reason,
    };
}
