using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.SubjectAccess;
using RecoveryCoach.Web.Staff;

namespace RecoveryCoach.Web.Pages.Staff.SubjectAccess;

/// <summary>
/// Everything held about a person, for their request for their records: as a page that prints
/// well, to send or hand over, or as a JSON download another system can read. Each referral's
/// export is recorded in its access log before anything is sent.
/// </summary>
public sealed class ExportModel(PersonRecords collector, AccessRecorder access, TimeProvider time) : PageModel
{
    public IReadOnlyList<PersonRecord> Records { get; private set; } = [];

    public DateTimeOffset ExportedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "id")] string[] ids, string? format, CancellationToken cancellationToken)
    {
        if (format is not ("html" or "json"))
        {
            return BadRequest("Choose format=html or format=json.");
        }

        Records = await collector.CollectAsync(ids ?? [], cancellationToken);
        if (Records.Count == 0)
        {
            return NotFound();
        }

        ExportedAt = time.GetUtcNow();
        foreach (var held in Records)
        {
            await access.RecordAsync(HttpContext, AccessActions.Exported, $"subject access export ({format})", held.Record.Referral, cancellationToken);
        }

        if (format == "json")
        {
            var name = $"subject-access-{ExportedAt:yyyy-MM-dd}-{Records[0].Record.Referral.Reference}.json";
            return File(SubjectAccessJson.Of(Records, ExportedAt), "application/json", name);
        }

        return Page();
    }
}
