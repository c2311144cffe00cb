using System.Diagnostics.CodeAnalysis;

namespace RecoveryCoach.Referrals;

/// <summary>
/// One of the service's three teams, each a Recovery Coach with Peer Support Workers. The code
/// is what allocation rules name; the name is what people read.
/// </summary>
public sealed record Team(string Code, string Name)
{
    public static readonly Team Cambridge = new("cambridge", "Cambridge");
    public static readonly Team Huntingdon = new("huntingdon", "Huntingdon");
    public static readonly Team PeterboroughAndFenland = new("peterborough-fenland", "Peterborough & Fenland");

    public static IReadOnlyList<Team> All { get; } = [Cambridge, Huntingdon, PeterboroughAndFenland];

    /// <summary>Every list referrals are kept in: each team's code, then null for referrals no team has.</summary>
    public static IReadOnlyList<string?> Lists { get; } = [.. All.Select(t => (string?)t.Code), null];

    public static bool TryFind(string? code, [NotNullWhen(true)] out Team? team)
    {
        team = All.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.Ordinal));
        return team is not null;
    }
}
