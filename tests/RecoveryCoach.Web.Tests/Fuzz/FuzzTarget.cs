namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// Where the cases of one group go, as whom, and what a refused case must leave as it was: a
/// description of everything the service keeps about it (referrals stored, the task, the
/// timeline, the emails recorded), read once the journeys have done all that is due.
/// </summary>
/// <param name="Path">The request path, for example <c>/api/tasks/{id}/complete</c>.</param>
/// <param name="Cookie">The sign-in and antiforgery cookies to send, or null for an anonymous client.</param>
/// <param name="Snapshot">What the service holds about the target now; equal before and after every refused case.</param>
public sealed record FuzzTarget(string Path, string? Cookie, Func<Task<string>> Snapshot);
