using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Reports;

/// <summary>
/// The service's figures for team leads and admins, by team and period: each chart drawn on the
/// server, the same figures in a table under it, each table downloadable as CSV, small numbers
/// withheld. Prints as a report.
/// </summary>
public sealed class IndexModel(ServiceReporter reporter, TimeProvider time) : PageModel
{
    public ReportChoice? Choice { get; private set; }

    public IReadOnlyList<ReportTable> Tables { get; private set; } = [];

    public DateTimeOffset ComputedAt { get; private set; }

    /// <summary>Today in the UK, by the service's clock: where the form's quarters and month start.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Each field that could not be read, with what to do about it.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>What the form shows: the query as given, or the choice in force.</summary>
    public IReadOnlyDictionary<string, string?> Form { get; private set; } = new Dictionary<string, string?>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var member = User.Member();

        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        Today = ReportPeriod.DayOf(time.GetUtcNow());
        Choice = ReportChoice.Read(query, member, Today, Errors);
        if (Choice is null)
        {
            Form = query;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Form = Choice.Query().ToDictionary(StringComparer.Ordinal);
        var report = await reporter.ReportAsync(Choice.Period, Choice.Team, cancellationToken);
        ComputedAt = report.ComputedAt;
        Tables = ReportTables.From(report, member.CanSee);
        return Page();
    }
}
