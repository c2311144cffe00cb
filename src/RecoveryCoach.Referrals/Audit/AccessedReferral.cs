namespace RecoveryCoach.Referrals.Audit;

/// <summary>
/// The referral an access concerned, as it was then: its id, its reference for people reading the
/// log, and its team, so the log answers "who outside the team looked?" without reading referrals.
/// </summary>
/// <param name="Id">The referral's id.</param>
/// <param name="Reference">Its reference, such as <c>RC-7K3M9Q</c>.</param>
/// <param name="Team">Its team's code then; null while it had none.</param>
public sealed record AccessedReferral(string Id, string Reference, string? Team);
