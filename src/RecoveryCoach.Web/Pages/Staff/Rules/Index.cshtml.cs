using Microsoft.AspNetCore.Mvc.RazorPages;
using RecoveryCoach.Referrals.Rules.Hosts;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;

namespace RecoveryCoach.Web.Pages.Staff.Rules;

/// <summary>
/// The rules in force, any refused edit with its errors, which rules each running host holds,
/// and every version that has decided referrals.
/// </summary>
public sealed class IndexModel(RulesInForce rules, RulesetVersionStore versions, RulesHostStore hosts) : PageModel
{
    public RulesInForceState State { get; private set; } = null!;

    public IReadOnlyList<(string Version, DateTimeOffset FirstUsedAt)> Versions { get; private set; } = [];

    public IReadOnlyList<RulesHost> Hosts { get; private set; } = [];

    /// <summary>Running hosts that hold other rules than these: the Functions app would decide with rules this page does not show.</summary>
    public IReadOnlyList<RulesHost> Disagreeing { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = rules.State;
        Versions = await versions.ListAsync(cancellationToken);
        Hosts = await hosts.ListRunningAsync(TimeProvider.System.GetUtcNow(), cancellationToken);
        Disagreeing = [.. Hosts.Where(h => h.Version != State.Ruleset.Version)];
    }
}
