namespace RecoveryCoach.Referrals.Rules.Live;

/// <summary>Why the last change to the rule files was not put in force.</summary>
/// <param name="AttemptedVersion">The version the changed files would have had.</param>
/// <param name="FailedAt">When the change was refused.</param>
/// <param name="Errors">Every error, as <c>file:rule: message</c>.</param>
public sealed record RulesetReloadError(string AttemptedVersion, DateTimeOffset FailedAt, IReadOnlyList<string> Errors);
