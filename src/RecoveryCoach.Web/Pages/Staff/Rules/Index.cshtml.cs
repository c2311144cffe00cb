using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;

namespace RecoveryCoach.Web.Pages.Staff.Rules;

/// <summary>The rules in force, any refused edit with its errors, and every version that has decided referrals.</summary>
public sealed class IndexModel(RulesInForce rules, RulesetVersionStore versions) : PageModel
{
    public RulesInForceState State { get; private set; } = null!;

    public IReadOnlyList<(string Version, DateTimeOffset FirstUsedAt)> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = rules.State;
        Versions = await versions.ListAsync(cancellationToken);
    }
}
