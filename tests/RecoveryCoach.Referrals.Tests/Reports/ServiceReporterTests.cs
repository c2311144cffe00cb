using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks.Outcomes;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Reports;

/// <summary>
/// The report's figures over a seeded set of referrals stored through the referral store, as
/// the journey stores them, against Azurite; every expected figure is worked out here from the
/// referrals themselves, in UK dates.
/// </summary>
public sealed class ServiceReporterTests : StorageTestBase
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly ReferralStore referrals;
    private readonly ServiceReporter reporter;

    public ServiceReporterTests()
    {
        var caseload = new CaseloadIndex(Service, Options, NullLogger<CaseloadIndex>.Instance);
        referrals = new ReferralStore(Service, Options, caseload, new ReportFacts(Service, Options, NullLogger<ReportFacts>.Instance));
        reporter = new ServiceReporter(new ReportFacts(Service, Options, NullLogger<ReportFacts>.Instance), caseload, new FakeTimeProvider(Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cambridge")]
    public async Task Every_figure_of_a_quarter_matches_the_referrals_that_fall_in_it_in_UK_time(string? team)
    {
        var sample = ReportSample.Make(seed: 20250701, count: 160);
        await Task.WhenAll(sample.Select(r => referrals.CreateAsync(r, r.SubmittedAt, [], CancellationToken.None)));
        var mine = sample.Where(r => team is null || r.TeamCode == team).ToList();
        bool In(DateTimeOffset at) => ReportSample.Quarter.Contains(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, London).DateTime));

        var report = await reporter.ReportAsync(ReportSample.Quarter, team, CancellationToken.None);

        var received = mine.Where(r => In(r.SubmittedAt)).ToList();
        var edge = new DateTimeOffset(2025, 6, 30, 23, 30, 0, TimeSpan.Zero);
        sample.Where(r => In(r.SubmittedAt)).Select(r => r.SubmittedAt).Should().Contain(edge, "00:30 on 1 July in London is in the quarter")
            .And.NotContain(new DateTimeOffset(2025, 9, 30, 23, 30, 0, TimeSpan.Zero), "00:30 on 1 October is not");
        report.ReceivedByWeek.Sum(w => w.Count).Should().Be(received.Count);
        report.ReceivedByWeek.Should().HaveCount(14, "the weeks from Monday 30 June to Monday 29 September");
        report.ReceivedByTeam.Sum(t => t.Count).Should().Be(received.Count);
        report.ReceivedByTeam.Should().HaveCount(team is null ? 4 : 1);
        report.ReceivedByRelationship.Should().Equal(
            ("self", received.Count(r => r.Details.Referrer.Relationship == ReferrerRelationship.Self)),
            ("care-coordinator", received.Count(r => r.Details.Referrer.Relationship == ReferrerRelationship.CareCoordinator)),
            ("someone-who-knows-them", received.Count(r => r.Details.Referrer.Relationship == ReferrerRelationship.SomeoneWhoKnowsThem)));
        report.Decided.Should().Be(received.Count);
        report.Eligible.Should().Be(received.Count(r => r.Eligibility!.Eligible));
        report.UnmetCriteria.Should().BeEquivalentTo(received.SelectMany(r => r.Eligibility!.Criteria.Where(c => !c.Met)).GroupBy(c => c.Criterion).Select(g => (g.Key, g.Count())));

        var waits = mine.Where(r => r.FirstContactAt is { } at && In(at)).Select(r => (r.FirstContactAt!.Value - r.SubmittedAt).TotalDays).Order().ToList();
        waits.Should().HaveCountGreaterThan(5);
        report.FirstContact.Contacted.Should().Be(waits.Count);
        report.FirstContact.MedianDays.Should().BeApproximately(waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[(waits.Count / 2) - 1] + waits[waits.Count / 2]) / 2, 1e-9);
        report.FirstContact.Percentile90Days.Should().BeApproximately(waits[(int)Math.Ceiling(waits.Count * 0.9) - 1], 1e-9);
        report.FirstContact.ByBand.Sum(b => b.Count).Should().Be(waits.Count);
        var stillWaiting = mine.Where(r => r.Status is ReferralStatus.Allocated or ReferralStatus.AwaitingTriage).OrderBy(r => r.SubmittedAt).ToList();
        report.FirstContact.StillWaiting.Should().Be(stillWaiting.Count);
        report.FirstContact.LongestWaitReference.Should().Be(stillWaiting[0].Reference);
        report.FirstContact.LongestWaitDays.Should().Be((int)Math.Floor((Now - stillWaiting[0].SubmittedAt).TotalDays));

        var closed = mine.Where(r => r.Status == ReferralStatus.Closed && In(r.Closure!.ClosedAt)).ToList();
        report.ClosuresByReason.Should().BeEquivalentTo(closed.GroupBy(r => r.Closure!.Reason).Select(g => (g.Key, g.Count())));
        var coached = closed.Where(r => r.Plan is not null).ToList();
        report.WeeksInService.People.Should().Be(coached.Count);
        report.WeeksInService.Extended.Should().Be(coached.Count(r => r.Plan!.ExtensionWeeks > 0));
        report.WeeksInService.ExtensionWeeks.Should().Be(coached.Sum(r => r.Plan!.ExtensionWeeks));
        report.WeeksInService.ByWeeks.Sum(w => w.Count).Should().Be(coached.Count);

        Func<Wellbeing, int?>[] answers = [w => w.LifeSatisfaction, w => w.Worthwhile, w => w.HappyYesterday, w => w.AnxiousYesterday];
        for (var q = 0; q < 4; q++)
        {
            var pairs = closed.Where(r => r.Plan is not null && r.Closure!.Wellbeing is not null)
                .Select(r => (Start: answers[q](r.Plan!.Baseline), End: answers[q](r.Closure!.Wellbeing!)))
                .Where(p => p.Start is not null && p.End is not null)
                .ToList();
            report.Wellbeing[q].Pairs.Should().Be(pairs.Count);
            report.Wellbeing[q].MeanAtAgreement.Should().BeApproximately(pairs.Average(p => p.Start!.Value), 1e-9);
            report.Wellbeing[q].MeanAtClosure.Should().BeApproximately(pairs.Average(p => p.End!.Value), 1e-9);
        }

        report.Wellbeing[3].LowerIsBetter.Should().BeTrue();
        var ratings = closed.Where(r => r.Plan is not null)
            .SelectMany(r => r.Closure!.GoalOutcomes!.Where(g => g.Rating is not null).Select(g => (r.Plan!.Goals[g.Goal!.Value - 1].Category, Rating: g.Rating!.Value)))
            .ToList();
        foreach (var goal in report.Goals)
        {
            var rated = ratings.Where(g => g.Category == goal.Category).ToList();
            goal.Goals.Should().Be(rated.Count, goal.Category);
            goal.AsExpectedOrBetter.Should().Be(rated.Count(g => g.Rating >= 0));
            (goal.MeanRating ?? 0).Should().BeApproximately(rated.Count == 0 ? 0 : rated.Average(g => g.Rating), 1e-9);
        }

        report.Discharged.Sum(d => d.Count).Should().Be(mine.Count(r => r.DischargedOn is { } on && ReportSample.Quarter.Contains(on)));
    }

    [Fact]
    public async Task A_referral_that_moves_on_is_counted_where_it_stands_now_once_per_event()
    {
        var referral = TestReferrals.Allocated(Team.Huntingdon) with { SubmittedAt = new DateTimeOffset(2025, 7, 2, 9, 0, 0, TimeSpan.Zero) };
        await referrals.CreateAsync(referral, referral.SubmittedAt, [], CancellationToken.None);
        var before = await reporter.ReportAsync(ReportSample.Quarter, "huntingdon", CancellationToken.None);

        var contactedAt = referral.SubmittedAt.AddDays(3);
        await referrals.ApplyAsync(referral.Id, "contacted", contactedAt, r => (r.Referral with { Status = ReferralStatus.Closed, FirstContactAt = contactedAt, Closure = new ClosureRecord(contactedAt, ClosureReasons.NotRightNow) }, []), CancellationToken.None);
        await referrals.ApplyAsync(referral.Id, "contacted", contactedAt, r => throw new InvalidOperationException("A step applied once is not applied again."), CancellationToken.None);
        var after = await reporter.ReportAsync(ReportSample.Quarter, "huntingdon", CancellationToken.None);

        before.ReceivedByTeam.Should().Equal(("huntingdon", 1));
        before.FirstContact.StillWaiting.Should().Be(1);
        before.ClosuresByReason.Should().BeEmpty();
        after.ReceivedByTeam.Should().Equal(("huntingdon", 1));
        after.FirstContact.Contacted.Should().Be(1);
        after.FirstContact.MedianDays.Should().Be(3);
        after.FirstContact.StillWaiting.Should().Be(0);
        after.ClosuresByReason.Should().Equal((ClosureReasons.NotRightNow, 1));
    }
}
