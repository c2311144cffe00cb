namespace RecoveryCoach.Referrals.Storage;

/// <summary>One referral in a caseload: where it stands, and nothing about the person.</summary>
/// <param name="Team">The team's code; null while awaiting triage or when ineligible.</param>
/// <param name="ClosureReason">Why it closed, once it has.</param>
public sealed record ReferralSummary(string Id, string Reference, ReferralStatus Status, string? Team, DateTimeOffset SubmittedAt, string? ClosureReason);
