namespace RecoveryCoach.Referrals.Notifications;

/// <summary>
/// Compares team codes as settings keys. App Service on Linux allows only letters, digits and
/// underscores in an app setting's name, so <c>peterborough-fenland</c> can only be given there as
/// <c>Notifications__TeamInboxes__peterborough_fenland</c>: a '_' in a key stands for a '-'.
/// Case is ignored, as configuration keys are.
/// </summary>
internal sealed class TeamCodeComparer : IEqualityComparer<string>
{
    public static readonly TeamCodeComparer Instance = new();

    public bool Equals(string? x, string? y) => StringComparer.OrdinalIgnoreCase.Equals(Normal(x), Normal(y));

    public int GetHashCode(string obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(Normal(obj)!);

    private static string? Normal(string? code) => code?.Replace('_', '-');
}
