using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Web.Pages.Forms;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Retention;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Web.Pages.Staff.Referrals;

/// <summary>
/// A referral as its team sees it: the person, the decisions and who made them, the plan and
/// progress, every task, and the timeline of care; and what staff can tell its journey. Each view
/// and each change is in the access log, never on the timeline, which is for care alone.
/// </summary>
public sealed class ReferralModel(ReferralStore referrals, TaskStore tasks, DurableTaskClient journeys, JourneyRequests requests, AccessRecorder access, LegalHolds holds, TimeProvider time) : PageModel
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public ReferralRecord Record { get; private set; } = null!;

    public Referral Referral => Record.Referral;

    public IReadOnlyList<CoachTask> Tasks { get; private set; } = [];

    public JourneyStatus? Stage { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>What was just done, for the success banner.</summary>
    public string? Done { get; private set; }

    [BindProperty]
    public string? DischargeDay { get; set; }

    [BindProperty]
    public string? DischargeMonth { get; set; }

    [BindProperty]
    public string? DischargeYear { get; set; }

    [BindProperty]
    public string? ExtensionWeeks { get; set; }

    /// <summary>The legal hold form's answer: <c>set</c> or <c>clear</c>.</summary>
    [BindProperty]
    public string? Hold { get; set; }

    /// <summary>Only admins set and clear legal holds.</summary>
    public bool IsAdmin => User.Member().Role == StaffRole.Admin;

    public async Task<IActionResult> OnGetAsync(string id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Done = done is null ? null : Tasks.FirstOrDefault(t => t.Id == done) is { } task ? $"{task.Type.Title()}: done." : done switch
        {
            "discharge" => "The discharge is recorded; the care coordinator is told.",
            "extension" => "The request for more weeks has gone to the team lead.",
            "early-closure" => "The referral is going to closure.",
            "correction" => "The person's details are corrected.",
            "legal-hold" => Record.Referral.LegalHold ? "The legal hold is set: the referral is kept until it is cleared." : "The legal hold is cleared.",
            _ => null,
        };
        return await ShownAsync(cancellationToken);
    }

    /// <summary>Team leads of its team and admins may read the referral's access log; the page links to it for them.</summary>
    public bool MayReadAccessLog => User.Member().LeadsTeams;

    public Task<IActionResult> OnPostDischargeAsync(string id, CancellationToken cancellationToken)
    {
        var date = string.Create(CultureInfo.InvariantCulture, $"{DischargeYear?.Trim()}-{Pad(DischargeMonth)}-{Pad(DischargeDay)}");
        return ActAsync(id, "discharge", "discharge-day", access.ChangedAsync(HttpContext, requests.DischargeAsync(id, new DischargeRequest(date), User.Member(), cancellationToken), _ => id, $"discharge from the trust recorded: {date}", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostExtensionAsync(string id, CancellationToken cancellationToken)
    {
        int? weeks = int.TryParse(ExtensionWeeks, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;
        return ActAsync(id, "extension", "extension-weeks", access.ChangedAsync(HttpContext, requests.RequestExtensionAsync(id, new ExtensionRequest(weeks), User.Member(), cancellationToken), _ => id, $"more weeks asked for: {weeks}", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostEarlyClosureAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "early-closure", "early-closure", access.ChangedAsync(HttpContext, requests.CloseEarlyAsync(id, User.Member(), cancellationToken), _ => id, "early closure asked for", cancellationToken), cancellationToken);

    /// <summary>Sets or clears the legal hold, on the timeline and in the access log; anyone but an admin is turned away.</summary>
    public Task<IActionResult> OnPostLegalHoldAsync(string id, CancellationToken cancellationToken) =>
        Hold is "set" or "clear"
            ? ActAsync(id, "legal-hold", "legal-hold", access.ChangedAsync(HttpContext, holds.SetAsync(id, Hold == "set", User.Member(), cancellationToken), _ => id, Hold == "set" ? "legal hold set" : "legal hold cleared", cancellationToken), cancellationToken)
            : Task.FromResult<IActionResult>(BadRequest());

    /// <summary>The latest rating of each goal at a check-in, by goal number.</summary>
    public IReadOnlyDictionary<int, int> LatestProgress() =>
        Tasks.Where(t => t.Type == CoachTaskType.CheckIn && t.Status == CoachTaskStatus.Done && t.Outcome is not null)
            .OrderBy(t => t.CompletedAt)
            .SelectMany(t => JsonSerializer.Deserialize<CheckInOutcome>(t.Outcome!, Web)?.Progress ?? [])
            .Where(p => p.Goal is not null && p.Rating is not null)
            .GroupBy(p => p.Goal!.Value)
            .ToDictionary(g => g.Key, g => g.Last().Rating!.Value);

    /// <summary>Whole weeks since <paramref name="from"/>.</summary>
    public int WeeksSince(DateTimeOffset from) => (int)Math.Floor((Now - from).TotalDays / 7);

    private async Task<IActionResult> ActAsync(string id, string what, string fieldId, Task<StaffActionResult> acting, CancellationToken cancellationToken)
    {
        var result = await acting;
        if (result is StaffActionResult.Accepted)
        {
            return Redirect($"/staff/referrals/{id}?done={what}");
        }

        if (result is StaffActionResult.NotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (result is StaffActionResult.Forbidden && what == "legal-hold")
        {
            return Forbid();
        }

        Errors = result switch
        {
            StaffActionResult.Invalid invalid => new FormErrors([.. invalid.Errors.Select(e => (fieldId, e.Value[0]))]),
            StaffActionResult.Conflict conflict => new FormErrors([(fieldId, conflict.Detail)]),
            StaffActionResult.Forbidden forbidden => new FormErrors([(fieldId, forbidden.Detail)]),
            _ => new FormErrors([(fieldId, "That cannot be done now.")]),
        };
        ViewData["Error"] = true;
        return await ShownAsync(cancellationToken);
    }

    /// <summary>The page, once the access log holds that the member saw the referral.</summary>
    private async Task<IActionResult> ShownAsync(CancellationToken cancellationToken)
    {
        await access.ViewedAsync(HttpContext, Referral, "referral page", cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var record = Referral.IsWellFormedId(id) ? await referrals.GetAsync(id, cancellationToken) : null;
        if (record is null || !User.MaySee(record.Referral))
        {
            return false;
        }

        Record = record;
        Tasks = [.. (await tasks.ForReferralAsync(id, cancellationToken)).Select(t => t.Task).OrderBy(t => t.CreatedAt)];
        Stage = await journeys.GetJourneyStatusAsync(id, cancellationToken);
        return true;
    }

    private static string Pad(string? part) => part?.Trim() is { Length: 1 } one ? "0" + one : part?.Trim() ?? string.Empty;
}
