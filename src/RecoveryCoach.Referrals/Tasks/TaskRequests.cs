using System.Text.Json;

namespace RecoveryCoach.Referrals.Tasks;

/// <summary>A member of staff takes a task on.</summary>
/// <param name="By">Their work email address.</param>
public sealed record ClaimRequest(string? By);

/// <summary>A member of staff completes a task with its form.</summary>
/// <param name="By">Their work email address.</param>
/// <param name="Outcome">The form for the task's type, checked by <see cref="Outcomes.TaskOutcomeValidator"/>.</param>
public sealed record CompleteRequest(string? By, JsonElement? Outcome);
