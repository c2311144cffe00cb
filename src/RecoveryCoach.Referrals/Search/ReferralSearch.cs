using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Referrals.Search;

/// <summary>What a search found, or why it could not be run.</summary>
/// <param name="Problem">Why the words cannot be searched for; null when the search ran.</param>
public sealed record SearchResult(IReadOnlyList<CaseloadEntry> Found, string? Problem);

/// <summary>
/// Finds referrals by what staff know of a person, among the teams the member of staff may see
/// and no others, and records every search in the access log before showing what it found.
/// </summary>
public sealed class ReferralSearch(CaseloadIndex caseload, AccessLog log, TimeProvider time)
{
    /// <summary>The most results shown; a search finding more asks for more words.</summary>
    public const int MostShown = 50;

    /// <param name="member">Who searches; only the teams they may see are searched.</param>
    /// <param name="text">What they typed.</param>
    /// <param name="from">The client address they search from, for the access log.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    public async Task<SearchResult> SearchAsync(StaffMember member, string? text, string from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (SearchQuery.Parse(text, out var problem) is not { } query)
        {
            return new SearchResult([], problem);
        }

        var lists = await Task.WhenAll(member.VisibleTeams.Select(team => caseload.FindAsync(team, query, cancellationToken))).ConfigureAwait(false);
        var found = lists.SelectMany(l => l)
            .OrderBy(e => e.FamilyName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(e => e.GivenName, StringComparer.CurrentCultureIgnoreCase)
            .ThenByDescending(e => e.SubmittedAt)
            .Take(MostShown)
            .ToList();
        // A search that showed one person is about that person: it goes in their referral's log too.
        var only = found.Count == 1 ? found[0] : null;
        var entry = new AccessEntry(
            time.GetUtcNow(),
            member.Email,
            member.Role,
            member.Team,
            from,
            AccessActions.Searched,
            $"{query.Kind}: {text!.Trim()}",
            only is null ? null : new AccessedReferral(only.ReferralId, only.Reference, only.Team),
            [.. found.Select(e => e.ReferralId)],
            only is not null && AccessEntry.IsOutOfTeam(member, only.Team));
        await log.RecordAsync(entry, cancellationToken).ConfigureAwait(false);
        return new SearchResult(found, null);
    }
}
