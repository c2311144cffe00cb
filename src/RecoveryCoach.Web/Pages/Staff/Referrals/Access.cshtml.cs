using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Referrals;

/// <summary>
/// Who has seen, searched for, exported or changed one referral, newest first: for the team leads
/// of its team and for admins, who answer for the team's handling of records. Coaches are refused;
/// staff who may not see the referral at all are told it does not exist, as on its own page.
/// Reading the log is itself recorded in it.
/// </summary>
public sealed class AccessModel(ReferralStore referrals, AccessLog log, AccessRecorder access) : PageModel
{
    public Referral Referral { get; private set; } = null!;

    public IReadOnlyList<AccessEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var (referral, refusal) = await LeadsReferral.FindAsync(referrals, User.Member(), id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        Referral = referral!;
        await access.ViewedAsync(HttpContext, Referral, "access log", cancellationToken);
        Entries = await log.ForReferralAsync(id, cancellationToken);
        return Page();
    }
}
