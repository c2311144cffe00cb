using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Caseload;

/// <summary>
/// Every open referral of a team, with who, where it stands, the coach, how long since referral
/// and what is due next, under the few figures a team lead reads first: coaches see their team,
/// team leads their team and triage, admins all.
/// </summary>
public sealed class IndexModel(CaseloadIndex caseload, TimeProvider time) : PageModel
{
    /// <summary>The list chosen: a team's code, <see cref="NoTeam"/> for referrals without a team, or null for every list the member may see.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Coach { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseloadStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseloadSort Sort { get; set; }

    /// <summary>The page of the list, as <c>?p=2</c>: Razor Pages keeps <c>page</c> for the page's own path.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public const string NoTeam = "none";

    /// <summary>The lists the member may choose between, by code and name.</summary>
    public IReadOnlyList<(string Code, string Name)> Lists { get; private set; } = [];

    public CaseloadPage Shown { get; private set; } = null!;

    /// <summary>The chosen lists at a glance, whatever the coach and stage filters.</summary>
    public CaseloadReport Figures { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // Named, never echoed: what was sent is not shown back.
            var fields = ModelState.Where(kv => kv.Value!.Errors.Count > 0).Select(kv => kv.Key.ToLowerInvariant());
            return BadRequest($"The caseload cannot be shown: {string.Join(", ", fields)} has a value it does not take.");
        }

        var member = User.Member();
        Now = time.GetUtcNow();
        var visible = member.VisibleTeams.ToList();
        Lists = [.. visible.Select(p => (p ?? NoTeam, RecoveryCoach.Referrals.Team.TryFind(p, out var team) ? team.Name : "Referrals without a team"))];
        var chosen = Team is null ? visible : visible.Where(p => (p ?? NoTeam) == Team).ToList();
        if (chosen.Count == 0)
        {
            return NotFound();
        }

        var lists = await Task.WhenAll(chosen.Select(p => caseload.OpenAsync(p, cancellationToken)));
        Shown = CaseloadList.Show(lists.SelectMany(l => l), new CaseloadFilter(Coach, Stage, Sort, PageNumber), Now);
        Figures = CaseloadReport.From(lists.SelectMany(l => l), Now);
        return Page();
    }

    /// <summary>This page's address with one choice changed, the others kept.</summary>
    public string Link(int? page = null, CaseloadSort? sort = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["team"] = Team,
            ["coach"] = Coach,
            ["stage"] = Stage?.ToString(),
            ["sort"] = (sort ?? Sort) == CaseloadSort.Due ? null : (sort ?? Sort).ToString(),
            ["p"] = (page ?? 1) == 1 ? null : page!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/staff/caseload", query.Where(kv => kv.Value is not null)!);
    }
}
