using Bogus;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// What coaching records: the agreement's goals and baseline wellbeing, progress at check-ins,
/// and the outcomes at closure, drawn so that reports have something true to the service to
/// count: most people rate their goals as met or better by the end, and ONS4 improves a little
/// on average, less for those who stopped early.
/// </summary>
internal static class SeededOutcomes
{
    /// <summary>The coaching agreement, within the bounds the referral's journey values allow.</summary>
    public static CoachingPlan Plan(Faker f, DateTimeOffset agreedAt, JourneyValues values)
    {
        var count = f.Random.WeightedRandom([1, 2, 3, 4, 5, 6], [0.1f, 0.25f, 0.3f, 0.2f, 0.1f, 0.05f]);
        var goals = Enumerable.Range(0, count).Select(_ =>
        {
            var category = f.PickRandom<string>(GoalCategories.All);
            return new Goal(f.PickRandom(SeededPlaces.Goals[category]), category);
        }).ToList();
        var weeks = Math.Clamp(f.Random.WeightedRandom([values.MinPlannedWeeks, values.MinPlannedWeeks + 1, values.MaxPlannedWeeks], [0.55f, 0.2f, 0.25f]), values.MinPlannedWeeks, values.MaxPlannedWeeks);
        var cadence = f.Random.WeightedRandom([values.CheckInCadenceDays, 14, 10], [0.85f, 0.1f, 0.05f]);
        var baseline = new Wellbeing(
            SeededTime.Near(f, 4, 2, 0, 10),
            SeededTime.Near(f, 4.5, 2, 0, 10),
            SeededTime.Near(f, 4, 2.2, 0, 10),
            SeededTime.Near(f, 6.5, 2, 0, 10));
        return new CoachingPlan(agreedAt, goals, baseline, weeks, cadence, f.Name.FullName());
    }

    /// <summary>A check-in: usually a session, each goal rated a little better as the weeks go by.</summary>
    /// <param name="sessionHeld">False for a check-in the person missed.</param>
    /// <param name="share">How far through the planned weeks, from 0 to 1.</param>
    public static CheckInOutcome CheckIn(Faker f, CoachingPlan plan, bool sessionHeld, double share)
    {
        IReadOnlyList<GoalProgress>? progress = sessionHeld
            ? [.. plan.Goals.Select((_, i) => new GoalProgress(i + 1, SeededTime.Near(f, -0.8 + (1.8 * share), 0.9, -2, 2)))]
            : null;
        var notes = sessionHeld && f.Random.Bool(0.5f) ? f.PickRandom("Met at the café.", "Walked to the library together.", "Phone session.", "Talked through the week ahead.") : null;
        return new CheckInOutcome(sessionHeld, progress, notes, RiskConcern: sessionHeld && f.Random.Bool(0.03f));
    }

    /// <summary>
    /// The closure's outcomes for <paramref name="reason"/>, every goal rated and ONS4 asked
    /// again as the closure form requires: better for coaching completed as planned.
    /// </summary>
    public static ClosureOutcome Closure(Faker f, CoachingPlan plan, string reason)
    {
        var completed = reason == ClosureReasons.Completed;
        var shift = completed ? 0.7 : reason == ClosureReasons.Disengaged ? -0.6 : 0.0;
        IReadOnlyList<GoalProgress> goals = [.. plan.Goals.Select((_, i) => new GoalProgress(i + 1, SeededTime.Near(f, shift, 1.0, -2, 2)))];
        var connections = completed ? f.Random.Int(0, 3) : f.Random.Int(0, 1);
        IReadOnlyList<string>? connectedWith = connections == 0 ? null : [.. f.PickRandom(SeededPlaces.Connections, connections)];
        return new ClosureOutcome(goals, connectedWith, Better(f, plan.Baseline, completed ? 1.1 : 0.2), reason);
    }

    /// <summary>ONS4 moved by about <paramref name="gain"/> for the better: up for the first three, down for anxiety.</summary>
    private static Wellbeing Better(Faker f, Wellbeing start, double gain) => new(
        SeededTime.Near(f, start.LifeSatisfaction!.Value + gain, 1.4, 0, 10),
        SeededTime.Near(f, start.Worthwhile!.Value + gain, 1.4, 0, 10),
        SeededTime.Near(f, start.HappyYesterday!.Value + gain, 1.7, 0, 10),
        SeededTime.Near(f, start.AnxiousYesterday!.Value - gain, 1.7, 0, 10));
}
