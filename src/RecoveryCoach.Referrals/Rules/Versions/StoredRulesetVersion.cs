namespace RecoveryCoach.Referrals.Rules.Versions;

/// <summary>A version of the rules as stored when it first decided a referral.</summary>
/// <param name="Version">The hash every decision it made records.</param>
/// <param name="FirstUsedAt">When it first decided a referral.</param>
/// <param name="Files">The rule files exactly as they were; their hash is <paramref name="Version"/>.</param>
public sealed record StoredRulesetVersion(string Version, DateTimeOffset FirstUsedAt, RuleFiles Files);
