using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RecoveryCoach.Web.Hosting.RateLimits;
using RecoveryCoach.Web.Pages.Forms;
using RecoveryCoach.Referrals.Intake;

namespace RecoveryCoach.Web.Pages.Refer;

/// <summary>
/// The public referral form: anyone may refer themselves or someone they know. It goes through
/// the same intake as the JSON API, so a form referral is validated, stored, decided and
/// acknowledged exactly as an API one.
/// </summary>
[EnableRateLimiting(SubmissionRateLimits.FormPolicy)]
public sealed class IndexModel(ReferralIntake intake) : PageModel
{
    /// <summary>Where each field's error links to: the element ids of the form.</summary>
    private static readonly Dictionary<string, string> FieldIds = new(StringComparer.Ordinal)
    {
        ["person"] = "person-givenName",
        ["person.givenName"] = "person-givenName",
        ["person.familyName"] = "person-familyName",
        ["person.dateOfBirth"] = "person-dateOfBirth-day",
        ["person.nhsNumber"] = "person-nhsNumber",
        ["person.email"] = "person-email",
        ["person.phone"] = "person-phone",
        ["person.postcode"] = "person-postcode",
        ["person.gpPractice"] = "person-gpPractice",
        ["person.gpPracticeEmail"] = "person-gpPracticeEmail",
        ["referrer.relationship"] = "referrer-relationship",
        ["referrer.name"] = "referrer-name",
        ["referrer.email"] = "referrer-email",
        ["referrer.phone"] = "referrer-phone",
        ["referrer.organisation"] = "referrer-organisation",
        ["careCoordinator.name"] = "careCoordinator-name",
        ["careCoordinator.email"] = "careCoordinator-email",
        ["careCoordinator.phone"] = "careCoordinator-phone",
        ["inSecondaryMentalHealthServices"] = "inSecondaryMentalHealthServices",
        ["readyToWorkTowardsDischarge"] = "readyToWorkTowardsDischarge",
        ["strugglingWithDischarge"] = "strugglingWithDischarge",
        ["reason"] = "reason",
        ["consent"] = "consent",
    };

    /// <summary>The form's own words where the API's, written for JSON, would read oddly to a person.</summary>
    private static readonly Dictionary<string, string> FormWording = new(StringComparer.Ordinal)
    {
        ["Date of birth must be a real date in the form YYYY-MM-DD"] = "Date of birth must be a real date, like 31 3 1986",
        [$"Say who is making the referral: one of {string.Join(", ", RecoveryCoach.Referrals.Submissions.ReferrerRelationshipNames.All)}"] = "Select who is making the referral",
    };

    [BindProperty]
    public ReferralForm Form { get; set; } = new();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public void OnGet() => Form.IdempotencyKey = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Form.IdempotencyKey ??= Guid.NewGuid().ToString("N");
        var result = await intake.SubmitAsync(Form.ToSubmission(), "form-" + Form.IdempotencyKey, ReferralChannel.Form, cancellationToken);
        switch (result)
        {
            case IntakeResult.Accepted accepted:
                return RedirectToPage("/Refer/Confirmation", new { id = accepted.Record.Referral.Id });
            case IntakeResult.Invalid invalid:
                Errors = new FormErrors([.. invalid.Errors
                    .Where(e => FieldIds.ContainsKey(e.Key))
                    .OrderBy(e => FieldIds.Keys.ToList().IndexOf(e.Key))
                    .Select(e => (FieldIds[e.Key], FormWording.GetValueOrDefault(e.Value[0], e.Value[0])))
                    .DistinctBy(e => e.Item1)]);
                ViewData["Error"] = true;
                return Page();
            default:
                // The same form was sent before with other answers: start afresh rather than guess.
                Errors = new FormErrors([("person-givenName", "This form was already sent with different answers. Check the answers below and send it again.")]);
                Form.IdempotencyKey = Guid.NewGuid().ToString("N");
                ViewData["Error"] = true;
                return Page();
        }
    }
}
