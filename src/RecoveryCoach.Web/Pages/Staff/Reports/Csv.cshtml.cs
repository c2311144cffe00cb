using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.Reports;

/// <summary>
/// One table of a report as CSV: exactly the cells the page shows, small numbers withheld, with
/// references the most it names. Its first row is the headings. Every download is recorded in
/// the access log.
/// </summary>
public sealed class CsvModel(ServiceReporter reporter, AccessRecorder access, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string table, CancellationToken cancellationToken)
    {
        var member = User.Member();

        var errors = new List<(string Field, string Message)>();
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        if (ReportChoice.Read(query, member, ReportPeriod.DayOf(time.GetUtcNow()), errors) is not { } choice)
        {
            return BadRequest($"The report cannot be made: {string.Join(", ", errors.Select(e => e.Field))} has a value it does not take.");
        }

        var report = await reporter.ReportAsync(choice.Period, choice.Team, cancellationToken);
        if (ReportTables.From(report, member.CanSee).FirstOrDefault(t => t.Id == table) is not { } found)
        {
            return NotFound();
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteHeader([.. found.Columns]);
            foreach (var row in found.Rows)
            {
                csv.WriteRecord([row.Label, .. row.Cells.Select(c => c.Text)]);
            }
        }

        await access.RecordAsync(HttpContext, AccessActions.Exported, $"report {found.Id} for {choice.Scope}, {choice.Period.Describe()}", null, cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"recovery-coach-{found.Id}-{choice.Team ?? ReportChoice.AllTeams}-{choice.Period.From:yyyy-MM-dd}-to-{choice.Period.To:yyyy-MM-dd}.csv");
        return File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name);
    }
}
