namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// Where a journey stands, kept as its instance's custom status and shown on the referral: the
/// stage, and the task it waits on with its due date and assignee.
/// </summary>
/// <param name="Stage">deciding, acknowledging, triage, initial-conversation, agreement, check-in, coaching (after the last check-in, until the planned weeks end), closure, closing or ended.</param>
/// <param name="TaskId">The task the journey waits on, if any.</param>
/// <param name="DueAt">When that task is due.</param>
/// <param name="Assignee">Who has it, if anyone has claimed it.</param>
public sealed record JourneyStatus(string Stage, string? TaskId = null, DateTimeOffset? DueAt = null, string? Assignee = null);

/// <summary>How a journey ended, as its instance's output. It holds no personal details.</summary>
/// <param name="Status">Ineligible or Closed.</param>
/// <param name="ClosureReason">One of <see cref="ClosureReasons"/>, for a closed referral.</param>
/// <param name="CheckInsHeld">Check-ins at which a session was held.</param>
/// <param name="ExtensionWeeks">Weeks added to the plan by team leads.</param>
/// <param name="DischargedFromTrust">Whether the person was discharged from the trust during the journey.</param>
public sealed record JourneyOutcome(ReferralStatus Status, string? ClosureReason, int CheckInsHeld, int ExtensionWeeks, bool DischargedFromTrust);
