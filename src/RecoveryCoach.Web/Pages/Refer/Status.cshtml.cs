using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RecoveryCoach.Web.Referrals;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Pages.Refer;

/// <summary>
/// Where a referral stands, for anyone with the link the emails carry: the public view and
/// nothing more, whoever is signed in. Staff open the referral's own page for the rest.
/// </summary>
public sealed class StatusModel(ReferralStore referrals, IOptions<NotificationOptions> notifications) : PageModel
{
    public PublicReferralView View { get; private set; } = null!;

    public string ServicePhone => notifications.Value.ServicePhone;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Vary = "Cookie";
        var record = RecoveryCoach.Referrals.Referral.IsWellFormedId(id) ? await referrals.GetAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return NotFound();
        }

        View = PublicReferralView.Of(record);
        return Page();
    }
}
