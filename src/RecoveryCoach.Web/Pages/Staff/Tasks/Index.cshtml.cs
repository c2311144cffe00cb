using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Tasks;

/// <summary>The worklist: my tasks, or my team's (with triage for team leads), overdue first, each with the person and where their referral stands.</summary>
public sealed class IndexModel(TaskWorklist worklist, CaseloadIndex caseload, TimeProvider time) : PageModel
{
    public IReadOnlyList<CoachTask> Tasks { get; private set; } = [];

    /// <summary>Each task's referral as the caseload shows it, by referral id; missing for one the index has not caught up with.</summary>
    public IReadOnlyDictionary<string, CaseloadEntry> People { get; private set; } = new Dictionary<string, CaseloadEntry>();

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
        var lists = await Task.WhenAll(Tasks.Select(t => t.Team).Distinct().Select(team => caseload.OpenAsync(team, cancellationToken)));
        People = lists.SelectMany(l => l).ToDictionary(e => e.ReferralId, StringComparer.Ordinal);
        return Page();
    }
}
