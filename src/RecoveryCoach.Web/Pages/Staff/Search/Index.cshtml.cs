using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Web.Hosting;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Search;

/// <summary>Find a person's referral by what the caller knows: name, reference, date of birth, NHS number, postcode, email or phone.</summary>
public sealed class IndexModel(ReferralSearch search, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<CaseloadEntry> Found { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool Searched { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (Query is null)
        {
            return Page();
        }

        var result = await search.SearchAsync(User.Member(), Query, ClientAddress.Of(HttpContext), cancellationToken);
        Searched = result.Problem is null;
        Problem = result.Problem;
        Found = result.Found;
        return Page();
    }
}
