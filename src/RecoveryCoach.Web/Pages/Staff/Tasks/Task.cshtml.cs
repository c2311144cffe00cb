using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Web.Pages.Forms;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Web.Pages.Staff.Tasks;

/// <summary>
/// One task: what it asks, whose it is, and its form. Taking it on and completing it go through
/// the same <see cref="TaskWorklist"/> as the tasks API, with the same checks and answers.
/// </summary>
public sealed class TaskModel(TaskWorklist worklist, ReferralStore referrals, AccessRecorder access, TimeProvider time) : PageModel
{
    [BindProperty]
    public TaskForm Form { get; set; } = new();

    public CoachTask Task { get; private set; } = null!;

    public Referral Referral { get; private set; } = null!;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>Why the task cannot be done here, when it cannot: done, cancelled, or not the member's to do.</summary>
    public string? Refusal { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Prefill();
        return await ShownAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostClaimAsync(string id, CancellationToken cancellationToken)
    {
        var result = await access.ChangedAsync(HttpContext, worklist.ClaimAsync(id, User.Member(), cancellationToken), ReferralOf, "task claimed", cancellationToken);
        return result switch
        {
            StaffActionResult.NotFound => NotFound(),
            StaffActionResult.Accepted => Redirect($"/staff/tasks/{id}"),
            _ => await RefusedAsync(id, result, cancellationToken),
        };
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = JsonSerializer.SerializeToElement(Form.ToOutcome(Task.Type));
        var result = await access.ChangedAsync(HttpContext, worklist.CompleteAsync(id, new CompleteRequest(outcome), User.Member(), cancellationToken), ReferralOf, $"task completed: {Task.Type.Title()}", cancellationToken);
        switch (result)
        {
            case StaffActionResult.Accepted:
                return Redirect($"/staff/referrals/{Task.ReferralId}?done={Task.Id}");
            case StaffActionResult.Invalid invalid:
                Errors = new FormErrors([.. invalid.Errors.Select(e => (IdOf(e.Key), e.Value[0]))]);
                ViewData["Error"] = true;
                Prefill();
                return await ShownAsync(cancellationToken);
            case StaffActionResult.NotFound:
                return NotFound();
            default:
                return await RefusedAsync(id, result, cancellationToken);
        }
    }

    /// <summary>The element an error links to: <c>outcome.goals[0].category</c> is <c>goals-0-category</c>.</summary>
    public static string IdOf(string field) =>
        (field.StartsWith("outcome.", StringComparison.Ordinal) ? field["outcome.".Length..] : field)
            .Replace("[", "-", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace(".", "-", StringComparison.Ordinal);

    private async Task<IActionResult> RefusedAsync(string id, StaffActionResult result, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Refusal = result switch
        {
            StaffActionResult.Conflict conflict => conflict.Detail,
            StaffActionResult.Forbidden forbidden => forbidden.Detail,
            _ => "This task cannot be done now.",
        };
        Response.StatusCode = result is StaffActionResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        return await ShownAsync(cancellationToken);
    }

    private static string ReferralOf(object? task) => ((CoachTask)task!).ReferralId;

    /// <summary>The page, once the access log holds that the member saw the task and its referral.</summary>
    private async Task<IActionResult> ShownAsync(CancellationToken cancellationToken)
    {
        await access.ViewedAsync(HttpContext, Referral, $"task page: {Task.Type.Title()}", cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var member = User.Member();
        var task = await worklist.GetAsync(id, member, cancellationToken);
        var referral = task is null ? null : (await referrals.GetAsync(task.ReferralId, cancellationToken))?.Referral;
        if (task is null || referral is null)
        {
            return false;
        }

        (Task, Referral) = (task, referral);
        if (task.Status != CoachTaskStatus.Open)
        {
            Refusal = $"This task is {(task.Status == CoachTaskStatus.Done ? "done" : "cancelled")}.";
        }
        else if (task.Type.IsForTeamLeads() && !member.LeadsTeams)
        {
            Refusal = $"'{task.Type.Title()}' is for team leads.";
        }

        return true;
    }

    /// <summary>Rows enough for the form: the journey's contact attempts, six goals, one rating per agreed goal.</summary>
    private void Prefill()
    {
        var journey = Referral.Journey;
        while (Form.Attempts.Count < (journey?.ContactAttempts ?? 3))
        {
            Form.Attempts.Add(new AttemptForm());
        }

        while (Form.Goals.Count < 6)
        {
            Form.Goals.Add(new GoalForm());
        }

        Form.PlannedWeeks ??= journey?.DefaultPlannedWeeks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Form.CadenceDays ??= journey?.CheckInCadenceDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
