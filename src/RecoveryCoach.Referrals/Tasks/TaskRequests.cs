using System.Text.Json;

namespace RecoveryCoach.Referrals.Tasks;

/// <summary>A member of staff completes a task with its form.</summary>
/// <param name="Outcome">The form for the task's type, checked by <see cref="Outcomes.TaskOutcomeValidator"/>.</param>
public sealed record CompleteRequest(JsonElement? Outcome);
