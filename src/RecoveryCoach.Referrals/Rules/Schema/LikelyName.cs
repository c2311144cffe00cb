namespace RecoveryCoach.Referrals.Rules.Schema;

/// <summary>For "did you mean" in a schema error: an author mistypes a field name far more often than they invent one.</summary>
internal static class LikelyName
{
    /// <summary>The expected name a mistyped one most likely meant: the same but for case, or a letter or two wrong, missing, extra or swapped.</summary>
    public static string? Of(string typed, IEnumerable<string> candidates) =>
        candidates
            .Select(c => (Name: c, Distance: Distance(typed.ToUpperInvariant(), c.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Clamp(c.Name.Length / 3, 1, 2))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    /// <summary>Edits from one name to the other, a swap of two neighbouring letters counting as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
