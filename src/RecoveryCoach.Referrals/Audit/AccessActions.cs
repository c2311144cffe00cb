namespace RecoveryCoach.Referrals.Audit;

/// <summary>The four things the access log records staff doing.</summary>
public static class AccessActions
{
    /// <summary>A page or API answer that showed a referral, a task, or the access log itself.</summary>
    public const string Viewed = "viewed";

    /// <summary>A search, with the words and what it showed.</summary>
    public const string Searched = "searched";

    /// <summary>A download: a report's CSV, or a subject-access export.</summary>
    public const string Exported = "exported";

    /// <summary>A change staff made and the service accepted.</summary>
    public const string Changed = "changed";
}
