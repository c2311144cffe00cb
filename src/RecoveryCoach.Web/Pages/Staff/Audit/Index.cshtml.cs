using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Web.Pages.Forms;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Audit;

/// <summary>
/// The access log across the service, for admins: who viewed, searched, exported or changed what,
/// newest first, filtered by member of staff and by UK dates; the last 30 days when no dates are
/// given. Reading it is itself recorded.
/// </summary>
public sealed class IndexModel(AccessLog log, AccessRecorder access, TimeProvider time) : PageModel
{
    /// <summary>The most rows the page shows; it says when more matched.</summary>
    public const int MostShown = 200;

    [BindProperty(SupportsGet = true, Name = "who")]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public AccessPage Found { get; private set; } = new([], false);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var errors = new List<(string, string)>();
        var to = Day(To, "to", today, errors);
        var from = Day(From, "from", to.AddDays(-30), errors);
        if (errors.Count == 0 && from > to)
        {
            errors.Add(("from", "The first day must be on or before the last day"));
        }

        To = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Who = string.IsNullOrWhiteSpace(Who) ? null : Who.Trim();
        if (errors.Count > 0)
        {
            Errors = new FormErrors(errors);
            ViewData["Error"] = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await access.RecordAsync(HttpContext, AccessActions.Viewed, $"service access log: {Who ?? "everyone"}, {From} to {To}", null, cancellationToken);
        Found = await log.QueryAsync(new AccessQuery(Who, from, to, MostShown), cancellationToken);
        return Page();
    }

    private static DateOnly Day(string? text, string field, DateOnly otherwise, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return otherwise;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
        {
            return day;
        }

        errors.Add((field, $"Enter the {(field == "from" ? "first" : "last")} day as a real date, like 2026-11-01"));
        return otherwise;
    }
}
