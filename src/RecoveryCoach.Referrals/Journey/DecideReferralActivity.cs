using Microsoft.Extensions.Logging;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// Decides eligibility, team and journey values with the rules in force and records them on the
/// referral. One ruleset makes the whole decision even if the rules are reloaded meanwhile, and
/// its version is stored before the decision is, so every decision names rules that can be read.
/// Idempotent: a referral already decided keeps its decision, so a retry never decides twice. Age
/// is counted on the day the referral was submitted, however late this runs.
/// </summary>
public sealed class DecideReferralActivity(RulesInForce rules, RulesetVersionStore versions, ReferralStore referrals, TimeProvider time, ILogger<DecideReferralActivity> logger)
    : TaskActivity<string, JourneyDecision>
{
    public override async Task<JourneyDecision> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = await referrals.GetAsync(input, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral {input} does not exist.");
        var referral = record.Referral;
        if (referral.Status != ReferralStatus.Received)
        {
            return JourneyDecision.Of(referral);
        }

        var ruleset = rules.Current;
        var (eligibility, allocation, journey, _) = await ruleset.DecideAsync(
            EligibilityFacts.For(referral.Details, UkDate.Of(referral.SubmittedAt)),
            AllocationFacts.For(referral.Details.Person.Postcode)).ConfigureAwait(false);
        await versions.EnsureStoredAsync(ruleset, CancellationToken.None).ConfigureAwait(false);

        var status = !eligibility.Eligible ? ReferralStatus.Ineligible
            : allocation!.NeedsTriage ? ReferralStatus.AwaitingTriage
            : ReferralStatus.Allocated;
        var decided = referral with { Status = status, Eligibility = eligibility, Allocation = allocation, Journey = journey };
        var now = time.GetUtcNow();
        await referrals.RecordDecisionAsync(record, decided, AuditOf(decided, now), now, CancellationToken.None).ConfigureAwait(false);
        logger.ReferralDecided(referral.Id, status, eligibility.RulesetVersion);
        ReferralTelemetry.ReferralDecided(status);
        return JourneyDecision.Of(decided);
    }

    private static List<AuditEntry> AuditOf(Referral referral, DateTimeOffset now)
    {
        var eligibility = referral.Eligibility!;
        var rulesActor = $"rules {eligibility.RulesetVersion}";
        var audit = new List<AuditEntry>
        {
            new(now, rulesActor, "eligibility-decided", eligibility.Eligible
                ? "Eligible: every criterion is met."
                : $"Not eligible: {string.Join(" ", eligibility.Criteria.Where(c => !c.Met).Select(c => c.Reason))}"),
        };
        if (referral.Allocation is { } allocation)
        {
            audit.Add(new(now, rulesActor, allocation.NeedsTriage ? "triage-needed" : "allocated", allocation.Reason));
        }

        return audit;
    }
}

/// <summary>What the journey goes on from a decision: the status, the team and the values it runs on, nothing personal.</summary>
/// <param name="Team">The team's code, or null while the referral awaits triage or when it is ineligible.</param>
/// <param name="Journey">The durations and counts the journey runs on; null for an ineligible referral.</param>
public sealed record JourneyDecision(ReferralStatus Status, string? Team, JourneyValues? Journey)
{
    public static JourneyDecision Of(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new JourneyDecision(referral.Status, referral.TeamCode, referral.Journey);
    }
}
