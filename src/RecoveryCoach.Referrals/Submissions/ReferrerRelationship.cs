namespace RecoveryCoach.Referrals.Submissions;

/// <summary>The three kinds of referrer the service accepts referrals from.</summary>
public enum ReferrerRelationship
{
    Self,
    CareCoordinator,
    SomeoneWhoKnowsThem,
}

public static class ReferrerRelationshipNames
{
    private static readonly Dictionary<string, ReferrerRelationship> ByName = new(StringComparer.Ordinal)
    {
        ["self"] = ReferrerRelationship.Self,
        ["care-coordinator"] = ReferrerRelationship.CareCoordinator,
        ["someone-who-knows-them"] = ReferrerRelationship.SomeoneWhoKnowsThem,
    };

    /// <summary>The names used on the wire and in storage, in the order a form offers them.</summary>
    public static IReadOnlyCollection<string> All => ByName.Keys;

    public static bool TryParse(string? name, out ReferrerRelationship relationship) =>
        ByName.TryGetValue(name ?? string.Empty, out relationship);

    public static string ToName(this ReferrerRelationship relationship) =>
        ByName.First(pair => pair.Value == relationship).Key;
}
