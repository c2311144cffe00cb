namespace RecoveryCoach.Referrals.Tasks;

/// <summary>The prompts a referral's journey gives staff.</summary>
public enum CoachTaskType
{
    /// <summary>A team lead picks the team for a referral no allocation rule placed.</summary>
    Triage,

    /// <summary>Contact the person and hold the initial conversation.</summary>
    InitialConversation,

    /// <summary>Record the coaching agreement: goals, baseline wellbeing, plan.</summary>
    Agreement,

    /// <summary>A check-in: was a session held, progress on each goal.</summary>
    CheckIn,

    /// <summary>A team lead approves or declines more weeks.</summary>
    ExtensionApproval,

    /// <summary>Record outcomes and close.</summary>
    Closure,
}

public static class CoachTaskTypes
{
    /// <summary>What the task asks, in words staff read in worklists and emails.</summary>
    public static string Title(this CoachTaskType type) => type switch
    {
        CoachTaskType.Triage => "Choose the team",
        CoachTaskType.InitialConversation => "Contact the person and hold the initial conversation",
        CoachTaskType.Agreement => "Record the coaching agreement",
        CoachTaskType.CheckIn => "Check in",
        CoachTaskType.ExtensionApproval => "Approve or decline more weeks",
        CoachTaskType.Closure => "Record outcomes and close",
        _ => type.ToString(),
    };

    /// <summary>Tasks for team leads rather than the team's coach.</summary>
    public static bool IsForTeamLeads(this CoachTaskType type) => type is CoachTaskType.Triage or CoachTaskType.ExtensionApproval;
}

public enum CoachTaskStatus
{
    Open,
    Done,

    /// <summary>The journey moved on without it, for example after an early closure.</summary>
    Cancelled,
}

/// <summary>
/// One prompt to staff, created by a referral's journey. Its id is chosen by the journey, so
/// creating it again after a retry finds the same task instead of making a second one.
/// </summary>
/// <param name="Id">Unique across referrals.</param>
/// <param name="ReferralId">The referral, which is also its journey's instance id.</param>
/// <param name="Reference">The referral's reference, for people.</param>
/// <param name="Type">What is asked.</param>
/// <param name="Team">The team whose worklist shows it; null for triage, which team leads share.</param>
/// <param name="Assignee">Who claimed it, when someone has.</param>
/// <param name="Status">Open, done or cancelled.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="EscalatedAt">When it went to the team lead for being overdue, if it has.</param>
/// <param name="CompletedAt">When it was done or cancelled.</param>
/// <param name="CompletedBy">Who completed it.</param>
/// <param name="Outcome">The completed form, as JSON.</param>
public sealed record CoachTask(
    string Id,
    string ReferralId,
    string Reference,
    CoachTaskType Type,
    string? Team,
    string? Assignee,
    CoachTaskStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    string? Outcome)
{
    public bool IsOverdue(DateTimeOffset now) => Status == CoachTaskStatus.Open && now > DueAt;
}
