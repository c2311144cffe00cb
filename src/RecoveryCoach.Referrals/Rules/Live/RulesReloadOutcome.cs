namespace RecoveryCoach.Referrals.Rules.Live;

/// <summary>What reading the rule files again did.</summary>
public enum RulesReloadOutcome
{
    /// <summary>The files hash to a version already in force, or already refused: nothing changed.</summary>
    Unchanged,

    /// <summary>The files were valid as a whole and are now in force for new decisions.</summary>
    Reloaded,

    /// <summary>The files have errors; the rules in force stay, and the errors are shown.</summary>
    Rejected,
}
