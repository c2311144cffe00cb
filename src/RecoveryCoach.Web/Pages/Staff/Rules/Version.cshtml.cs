using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Rules.Diff;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;

namespace RecoveryCoach.Web.Pages.Staff.Rules;

/// <summary>What the rules in force do differently from a version that decided referrals, rule by rule.</summary>
public sealed class VersionModel(RulesInForce rules, RulesetVersionStore versions) : PageModel
{
    public string Version { get; private set; } = string.Empty;

    public RulesetDiff Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string version, CancellationToken cancellationToken)
    {
        var inForce = rules.Current;
        var files = version.Length == 12 && version.All(char.IsAsciiHexDigitLower) ? await versions.FilesOfAsync(version, inForce, cancellationToken) : null;
        if (files is null)
        {
            return NotFound();
        }

        Version = version;
        Diff = RulesetDiff.Between(files, inForce.Contents);
        return Page();
    }
}
