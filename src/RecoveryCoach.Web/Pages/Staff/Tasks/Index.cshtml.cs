using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Web.Pages.Staff.Tasks;

/// <summary>The worklist: my tasks, or my team's (with triage for team leads), overdue first.</summary>
public sealed class IndexModel(TaskWorklist worklist, TimeProvider time) : PageModel
{
    public IReadOnlyList<CoachTask> Tasks { get; private set; } = [];

    public bool Mine { get; private set; }

    public StaffMember Member { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? view, CancellationToken cancellationToken)
    {
        Member = User.Member();
        Mine = view != "team";
        Now = time.GetUtcNow();
        var query = new TaskQuery(Assignee: Mine ? Member.Email : null);
        Tasks = await worklist.QueryAsync(query, Member, cancellationToken) ?? [];
        return Page();
    }
}
