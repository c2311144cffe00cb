using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Tests.Reports;

/// <summary>
/// A seeded, random set of referrals at rest in every state a report counts, spread over three
/// quarters of 2025, with a few at the edges of the middle one in UK time. Each is built as the
/// journey leaves it, so the tests can work out each figure from the referrals themselves.
/// </summary>
internal static class ReportSample
{
    /// <summary>The middle quarter, July to September 2025 (British Summer Time throughout).</summary>
    public static readonly ReportPeriod Quarter = ReportPeriod.Quarter(2025, 3);

    private static readonly string[] Reasons = [ClosureReasons.Completed, ClosureReasons.Completed, ClosureReasons.EndedEarly, ClosureReasons.Disengaged, ClosureReasons.MovedAway, ClosureReasons.NotRightNow];
    private static readonly string[] Unmet = ["Aged 17 to 65", "In secondary mental health services", "Ready to work towards discharge"];

    public static List<Referral> Make(int seed, int count)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
        List<Referral> made = [];
        for (var i = 0; i < count; i++)
        {
            var submitted = start.AddMinutes(random.Next(0, 270 * 24 * 60));
            made.Add(Make(random, i, submitted));
        }

        // UK midnight at the quarter's edges: 23:30 UTC on 30 June is 00:30 on 1 July in London, and 23:30 UTC on 30 September is 1 October.
        made.Add(Make(random, count, new DateTimeOffset(2025, 6, 30, 23, 30, 0, TimeSpan.Zero)));
        made.Add(Make(random, count + 1, new DateTimeOffset(2025, 9, 30, 23, 30, 0, TimeSpan.Zero)));
        return made;
    }

    private static Referral Make(Random random, int n, DateTimeOffset submitted)
    {
        var relationship = (ReferrerRelationship)random.Next(0, 3);
        var referral = new Referral(
            TestReferrals.NewId(),
            $"RC-{n:D6}",
            ReferralStatus.Allocated,
            TestReferrals.Details(relationship),
            submitted,
            submitted,
            TestReferrals.EligibleDecision(),
            null);
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            var missed = Unmet.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty(Unmet[0]).ToList();
            return referral with
            {
                Status = ReferralStatus.Ineligible,
                Eligibility = new EligibilityDecision(false, [.. Unmet.Select(c => new CriterionResult(c, !missed.Contains(c), "Reason."))], "v1"),
            };
        }

        if (roll < 0.2)
        {
            return referral with { Status = ReferralStatus.AwaitingTriage, Allocation = new AllocationDecision(null, null, "No rule.", "v1") };
        }

        var team = Team.All[random.Next(0, Team.All.Count)];
        referral = referral with { Allocation = new AllocationDecision(team, team.Name, "Postcode.", "v1") };
        if (roll < 0.3)
        {
            return referral;
        }

        var contacted = submitted.AddHours(random.Next(2, 40 * 24));
        referral = referral with { Status = ReferralStatus.Agreeing, FirstContactAt = contacted, Coach = "casey.coach@cpft.nhs.uk" };
        if (roll < 0.35)
        {
            return referral with { Status = ReferralStatus.Closed, Closure = new ClosureRecord(contacted.AddHours(1), ClosureReasons.NotRightNow) };
        }

        var agreed = contacted.AddDays(random.Next(1, 10));
        Goal[] goals = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => new Goal("A goal in the person's words", GoalCategories.All[random.Next(0, GoalCategories.All.Count)]))];
        var plan = new CoachingPlan(agreed, goals, Wellbeing(random, 2, 6), random.Next(6, 9), 7, "Pat Peer", random.NextDouble() < 0.2 ? random.Next(1, 3) : 0);
        referral = referral with { Status = ReferralStatus.Coaching, Plan = plan, DischargedOn = random.NextDouble() < 0.3 ? DateOnly.FromDateTime(agreed.AddDays(10).UtcDateTime) : null };
        if (roll < 0.5)
        {
            return referral;
        }

        var closedAt = agreed.AddDays(7 * (plan.PlannedWeeks + plan.ExtensionWeeks)).AddHours(random.Next(0, 72));
        GoalProgress[] outcomes = [.. goals.Select((_, i) => new GoalProgress(i + 1, random.NextDouble() < 0.1 ? null : random.Next(-2, 3)))];
        var end = random.NextDouble() < 0.1 ? null : Wellbeing(random, 3, 10);
        return referral with { Status = ReferralStatus.Closed, Closure = new ClosureRecord(closedAt, Reasons[random.Next(0, Reasons.Length)], outcomes, ["Mill Road allotments"], end) };
    }

    /// <summary>ONS4 answers, now and then one left unanswered.</summary>
    private static Wellbeing Wellbeing(Random random, int low, int high)
    {
        int? Answer() => random.NextDouble() < 0.05 ? null : random.Next(low, high + 1);
        return new Wellbeing(Answer(), Answer(), Answer(), Answer());
    }
}
