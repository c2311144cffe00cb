using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.SubjectAccess;
using RecoveryCoach.Web.Pages.Forms;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Referrals;

/// <summary>
/// Correcting one of the person's details when they say it is wrong: for admins and the team leads
/// of the referral's team. The value it replaced goes to the access log; the timeline says only
/// which detail was corrected and by whom.
/// </summary>
public sealed class CorrectModel(ReferralStore referrals, Rectification rectification, AccessRecorder access) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Label)> Fields =
    [
        ("given-name", "Given name"),
        ("family-name", "Family name"),
        ("email", "Email address"),
        ("phone", "Phone number"),
    ];

    public Referral Referral { get; private set; } = null!;

    [BindProperty]
    public string? Field { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await ShownAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        CorrectableField? field = Field switch
        {
            "given-name" => CorrectableField.GivenName,
            "family-name" => CorrectableField.FamilyName,
            "email" => CorrectableField.Email,
            "phone" => CorrectableField.Phone,
            _ => null,
        };
        if (field is null)
        {
            return await RefusedAsync("field", "Choose the detail to correct", cancellationToken);
        }

        switch (await rectification.CorrectAsync(id, field.Value, Value, User.Member(), cancellationToken))
        {
            case CorrectionResult.Corrected corrected:
                await access.RecordAsync(HttpContext, AccessActions.Changed, $"{Rectification.LabelOf(field.Value)} corrected from \"{corrected.OldValue}\" to \"{corrected.NewValue}\"", corrected.Referral, cancellationToken);
                return Redirect($"/staff/referrals/{id}?done=correction");
            case CorrectionResult.Invalid invalid:
                return await RefusedAsync("value", invalid.Message, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>Null when the member may correct the referral; otherwise not found, or refused for a coach.</summary>
    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var (referral, refusal) = await LeadsReferral.FindAsync(referrals, User.Member(), id, cancellationToken);
        Referral = referral!;
        return refusal;
    }

    private async Task<IActionResult> RefusedAsync(string fieldId, string message, CancellationToken cancellationToken)
    {
        Errors = new FormErrors([(fieldId, message)]);
        ViewData["Error"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShownAsync(cancellationToken);
    }

    /// <summary>The form, which shows the person's details, once the access log holds that the member saw them.</summary>
    private async Task<IActionResult> ShownAsync(CancellationToken cancellationToken)
    {
        await access.ViewedAsync(HttpContext, Referral, "correction form", cancellationToken);
        return Page();
    }
}
