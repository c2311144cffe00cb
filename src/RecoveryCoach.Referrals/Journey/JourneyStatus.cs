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

/// <summary>Reads where a referral's journey stands.</summary>
public static class JourneyStatusReader
{
    /// <summary>
    /// The journey's custom status, or null before the journey has shown one. The SDK leaves a
    /// status out unless inputs and outputs are asked for, so this is the one place that asks.
    /// </summary>
    public static async Task<JourneyStatus?> GetJourneyStatusAsync(this Microsoft.DurableTask.Client.DurableTaskClient journeys, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var journey = await journeys.GetInstanceAsync(referralId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return journey?.SerializedCustomStatus is null ? null : journey.ReadCustomStatusAs<JourneyStatus>();
    }
}
