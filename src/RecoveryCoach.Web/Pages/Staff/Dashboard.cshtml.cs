using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Staff;

namespace RecoveryCoach.Web.Pages.Staff;

/// <summary>A team's caseload: active, waiting for first contact, overdue, how long first contact takes, how journeys ended.</summary>
public sealed class DashboardModel(CaseloadReporter reporter) : PageModel
{
    public CaseloadReport Report { get; private set; } = null!;

    public string TeamName { get; private set; } = "All teams";

    /// <summary>The teams an admin can choose between; empty for everyone else, who sees their own.</summary>
    public IReadOnlyList<Team> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? team, CancellationToken cancellationToken)
    {
        var member = User.Member();
        var chosen = member.Role == StaffRole.Admin ? team : member.Team;
        if (chosen is not null && !Team.TryFind(chosen, out _))
        {
            return NotFound();
        }

        Choices = member.Role == StaffRole.Admin ? Team.All : [];
        TeamName = Team.TryFind(chosen, out var found) ? found.Name : "All teams";
        Report = await reporter.ReportAsync(chosen, cancellationToken);
        return Page();
    }
}
