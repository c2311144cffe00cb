using RecoveryCoach.Referrals.Rules.Live;

namespace RecoveryCoach.Web.Rules;

/// <summary>The rules deciding new referrals, and why the files as they are now are not in force, if they are not.</summary>
/// <param name="Version">The version in force: every decision it makes records it.</param>
/// <param name="LoadedAt">When it came into force.</param>
/// <param name="ReloadError">The last change to the files that was refused, with every error; null when the files are in force.</param>
public sealed record RulesInForceView(string Version, DateTimeOffset LoadedAt, RulesetReloadError? ReloadError)
{
    public static RulesInForceView Of(RulesInForceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new RulesInForceView(state.Ruleset.Version, state.LoadedAt, state.ReloadError);
    }
}

/// <summary>A version of the rules that decided referrals, with its files exactly as they were.</summary>
/// <param name="FirstUsedAt">When it first decided a referral; null for the version in force before its first decision.</param>
/// <param name="InForce">Whether it is the version deciding new referrals now.</param>
/// <param name="Files">Each file's text, by file name.</param>
public sealed record RulesetVersionView(string Version, DateTimeOffset? FirstUsedAt, bool InForce, IReadOnlyDictionary<string, string> Files);

/// <summary>One stored version in the list, without its files.</summary>
public sealed record RulesetVersionSummary(string Version, DateTimeOffset FirstUsedAt, bool InForce);
