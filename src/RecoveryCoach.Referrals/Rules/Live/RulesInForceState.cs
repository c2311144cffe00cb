namespace RecoveryCoach.Referrals.Rules.Live;

/// <summary>
/// The rules deciding new referrals, when they came into force, and why the last change to the
/// files, if any, was refused. Read as one value, so the three always agree.
/// </summary>
/// <param name="ReloadError">Why the files as they are now are not in force; null when they are.</param>
public sealed record RulesInForceState(Ruleset Ruleset, DateTimeOffset LoadedAt, RulesetReloadError? ReloadError);
