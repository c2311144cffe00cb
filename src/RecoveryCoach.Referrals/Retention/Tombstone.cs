namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// What is left of a referral once it has been deleted: nothing that names or reaches the
/// person, only enough to say that the reference existed, when and how it ended, so a question
/// about it can be answered and counts stay explainable.
/// </summary>
/// <param name="Team">The team's code; null for a referral no team had.</param>
/// <param name="Status">Where it stood when deleted: closed or ineligible.</param>
/// <param name="Outcome">The closure reason, or null for an ineligible referral.</param>
public sealed record Tombstone(
    string Reference,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? ClosedAt,
    string? Team,
    ReferralStatus Status,
    string? Outcome,
    DateTimeOffset PurgedAt);
