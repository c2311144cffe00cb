using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Pages.Refer;

/// <summary>The reference of a referral just sent, and what happens next. It shows nothing else about the referral.</summary>
public sealed class ConfirmationModel(ReferralStore referrals, IOptions<NotificationOptions> notifications) : PageModel
{
    public string Reference { get; private set; } = string.Empty;

    public string ServicePhone => notifications.Value.ServicePhone;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var record = RecoveryCoach.Referrals.Referral.IsWellFormedId(id) ? await referrals.GetAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return NotFound();
        }

        Reference = record.Referral.Reference;
        return Page();
    }
}
