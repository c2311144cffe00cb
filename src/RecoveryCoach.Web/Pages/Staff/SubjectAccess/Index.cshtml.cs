using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.SubjectAccess;
using RecoveryCoach.Web.Pages.Forms;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.SubjectAccess;

/// <summary>
/// For admins answering a person's request for their records: every referral of the person across
/// all teams, by NHS number or by name and date of birth, with links to export them. Each search is
/// in the access log, as staff search is.
/// </summary>
public sealed class IndexModel(PersonFinder finder, AccessRecorder access) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nhs")]
    public string? NhsNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true, Name = "dob")]
    public string? DateOfBirth { get; set; }

    public IReadOnlyList<CaseloadEntry> Found { get; private set; } = [];

    public bool Searched { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (NhsNumber is null && Name is null && DateOfBirth is null)
        {
            return Page();
        }

        var result = await finder.FindAsync(NhsNumber, Name, DateOfBirth, cancellationToken);
        if (result.Problems.Count > 0)
        {
            Errors = new FormErrors(result.Problems);
            ViewData["Error"] = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Searched = true;
        Found = result.Found;
        var typed = string.IsNullOrWhiteSpace(NhsNumber) ? $"name and date of birth: {Name?.Trim()}, {DateOfBirth?.Trim()}" : $"NHS number: {NhsNumber.Trim()}";
        await access.RecordAsync(HttpContext, AccessActions.Searched, $"subject access by {typed}; {Found.Count} found: {string.Join(' ', Found.Select(f => f.Reference))}", null, cancellationToken);
        return Page();
    }

    /// <summary>The export of every referral found, in <paramref name="format"/>.</summary>
    public string ExportLink(string format) =>
        $"/staff/subject-access/export?format={format}&{string.Join('&', Found.Select(f => "id=" + f.ReferralId))}";
}
