using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.SubjectAccess;

/// <summary>What a subject-access search found, or each field that stopped it, by field name.</summary>
public sealed record PersonFindResult(IReadOnlyList<CaseloadEntry> Found, IReadOnlyList<(string Field, string Message)> Problems);

/// <summary>
/// Finds every referral of one person, across every team and triage, by what a request for their
/// records gives: their NHS number, or their name and date of birth together (either alone could
/// be someone else's). It reads the search keys of the caseload index, as staff search does, but
/// never stops at a team's boundary, since the person asks for everything held about them.
/// </summary>
public sealed class PersonFinder(CaseloadIndex caseload)
{
    public async Task<PersonFindResult> FindAsync(string? nhsNumber, string? name, string? dateOfBirth, CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        var queries = new List<SearchQuery>();
        if (!string.IsNullOrWhiteSpace(nhsNumber))
        {
            if (NhsNumber.TryParse(nhsNumber.Trim(), out var nhs) && SearchQuery.Parse(nhs.Digits, out _) is { } byNhs)
            {
                queries.Add(byNhs);
            }
            else
            {
                problems.Add(("nhs-number", "Enter a valid 10-digit NHS number, like 943 476 5919"));
            }
        }
        else if (!string.IsNullOrWhiteSpace(name) || !string.IsNullOrWhiteSpace(dateOfBirth))
        {
            var byName = SearchQuery.Parse(name, out _) is { Kind: SearchKeys.Name } n ? n : null;
            var byBirth = SearchQuery.Parse(dateOfBirth, out _) is { Kind: SearchKeys.DateOfBirth } d ? d : null;
            if (byName is null)
            {
                problems.Add(("name", "Enter the person's name, at least 2 letters of each part"));
            }

            if (byBirth is null)
            {
                problems.Add(("date-of-birth", "Enter the date of birth as a real date, like 10/03/1986"));
            }

            queries.AddRange(new[] { byName, byBirth }.OfType<SearchQuery>());
        }
        else
        {
            problems.Add(("nhs-number", "Enter an NHS number, or a name and a date of birth"));
        }

        if (problems.Count > 0)
        {
            return new PersonFindResult([], problems);
        }

        // Every key asked for must match: a name and a date of birth find the people with both.
        var found = await Task.WhenAll(queries.Select(async q =>
            (await Task.WhenAll(Team.Lists.Select(team => caseload.FindAsync(team, q, cancellationToken))).ConfigureAwait(false)).SelectMany(l => l).ToList())).ConfigureAwait(false);
        var ids = found.Select(list => list.Select(e => e.ReferralId).ToHashSet(StringComparer.Ordinal)).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        return new PersonFindResult([.. found[0].Where(e => ids.Contains(e.ReferralId)).DistinctBy(e => e.ReferralId).OrderByDescending(e => e.SubmittedAt)], []);
    }
}
