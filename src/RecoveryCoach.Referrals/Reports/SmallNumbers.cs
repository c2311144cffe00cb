namespace RecoveryCoach.Referrals.Reports;

/// <summary>Whether a figure may be shown, or is withheld so that no one can be picked out.</summary>
public enum Disclosure
{
    Shown,

    /// <summary>A count of 1 to 4 people, shown as "fewer than 5".</summary>
    FewerThanFive,

    /// <summary>A larger count withheld because, with the totals, it would give away a small one.</summary>
    Withheld,
}

/// <summary>
/// Small-number suppression for the service's reports: a count of 1 to 4 people shows as
/// "fewer than 5", and so does any mean or median over fewer than 5. Where a list whose total
/// is shown would have exactly one such count, the smallest other count in it is withheld too,
/// so the small one cannot be worked out by subtraction.
/// Zeros are shown: they identify no one.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;

    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>What may be shown of each count of a list whose total is shown.</summary>
    public static Disclosure[] Protect(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var shown = counts.Select(c => IsSmall(c) ? Disclosure.FewerThanFive : Disclosure.Shown).ToArray();
        if (shown.Count(d => d != Disclosure.Shown) == 1)
        {
            var partner = Enumerable.Range(0, counts.Count)
                .Where(i => shown[i] == Disclosure.Shown && counts[i] > 0)
                .OrderBy(i => counts[i])
                .DefaultIfEmpty(-1)
                .First();
            if (partner >= 0)
            {
                shown[partner] = Disclosure.Withheld;
            }
        }

        return shown;
    }
}
