namespace RecoveryCoach.Referrals.Caseload;

/// <summary>How the caseload list is ordered.</summary>
public enum CaseloadSort
{
    /// <summary>Overdue first, then the next task due soonest; referrals with nothing due last.</summary>
    Due,

    /// <summary>By family name, then given name.</summary>
    Name,

    /// <summary>Longest waiting first: the oldest referral at the top.</summary>
    Referred,

    /// <summary>By coach, referrals without one first.</summary>
    Coach,
}

/// <summary>Which open referrals the list shows, in what order, and which page of them.</summary>
/// <param name="Coach">Only this coach's referrals; <see cref="Unassigned"/> for those without one.</param>
/// <param name="Stage">Only referrals at this stage.</param>
/// <param name="Page">From 1.</param>
public sealed record CaseloadFilter(string? Coach = null, CaseloadStage? Stage = null, CaseloadSort Sort = CaseloadSort.Due, int Page = 1)
{
    /// <summary>The coach filter for referrals no coach has taken on yet.</summary>
    public const string Unassigned = "-";
}

/// <summary>One page of the caseload, with what the filters can choose from.</summary>
/// <param name="Coaches">Every coach with a referral in the unfiltered list, for the coach filter.</param>
public sealed record CaseloadPage(IReadOnlyList<CaseloadEntry> Entries, int Page, int Pages, int Total, IReadOnlyList<string> Coaches);

/// <summary>Filters, orders and pages a team's open referrals, as the caseload list shows them.</summary>
public static class CaseloadList
{
    public const int PageSize = 25;

    public static CaseloadPage Show(IEnumerable<CaseloadEntry> open, CaseloadFilter filter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(filter);
        var all = open.Where(e => e.IsOpen).ToList();
        var chosen = all
            .Where(e => filter.Coach is null || (filter.Coach == CaseloadFilter.Unassigned ? e.Coach is null : string.Equals(e.Coach, filter.Coach, StringComparison.OrdinalIgnoreCase)))
            .Where(e => filter.Stage is null || e.Stage == filter.Stage);
        var ordered = (filter.Sort switch
        {
            CaseloadSort.Name => chosen.OrderBy(e => e.FamilyName, StringComparer.CurrentCultureIgnoreCase).ThenBy(e => e.GivenName, StringComparer.CurrentCultureIgnoreCase),
            CaseloadSort.Referred => chosen.OrderBy(e => e.SubmittedAt),
            CaseloadSort.Coach => chosen.OrderBy(e => e.Coach is not null).ThenBy(e => e.Coach, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.SubmittedAt),
            _ => chosen.OrderBy(e => e.NextTask is null).ThenBy(e => e.NextTask?.DueAt).ThenBy(e => e.SubmittedAt),
        }).ThenBy(e => e.ReferralId, StringComparer.Ordinal).ToList();
        var pages = Math.Max(1, (ordered.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        return new CaseloadPage(
            [.. ordered.Skip((page - 1) * PageSize).Take(PageSize)],
            page,
            pages,
            ordered.Count,
            [.. all.Select(e => e.Coach).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)]);
    }
}
