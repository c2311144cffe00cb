using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Reports;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>A team's caseload now, and its report over the period, computed from what the journeys recorded in real storage.</summary>
public sealed class CaseloadTests
{
    [Fact]
    public async Task The_caseload_counts_active_and_waiting_referrals_and_overdue_tasks_and_the_report_times_first_contact_and_counts_closures()
    {
        await using var factory = new ReferralServiceFactory();
        await using var coached = await JourneyDriver.StartAsync(factory: factory);
        await using var waiting = await JourneyDriver.StartAsync(factory: factory);
        await using var notNow = await JourneyDriver.StartAsync(factory: factory);
        var coachedTask = await coached.TaskOfStageAsync("initial-conversation");
        var notNowTask = await notNow.TaskOfStageAsync("initial-conversation");
        await waiting.TaskOfStageAsync("initial-conversation");

        await factory.AdvanceAsync(TimeSpan.FromDays(2));
        await coached.CompleteAsync(coachedTask, Forms.CoachingIsRight(coached.Now));
        await notNow.CompleteAsync(notNowTask, Forms.NotRightNow(notNow.Now));
        await coached.StageAsync("agreement");
        await notNow.CompletionAsync();
        await factory.AdvanceAsync(TimeSpan.FromDays(6));
        await waiting.MailKeyedAsync("reminder-");

        var index = factory.Services.GetRequiredService<CaseloadIndex>();
        var cambridge = CaseloadReport.From(await index.OpenAsync("cambridge", CancellationToken.None), factory.Clock.GetUtcNow());
        var huntingdon = CaseloadReport.From(await index.OpenAsync("huntingdon", CancellationToken.None), factory.Clock.GetUtcNow());
        var quarter = ReportPeriod.QuarterOf(DateOnly.FromDateTime(ReferralServiceFactory.ReferralDay.UtcDateTime));
        var report = await factory.Services.GetRequiredService<ServiceReporter>().ReportAsync(quarter, "cambridge", CancellationToken.None);
        var huntingdonReport = await factory.Services.GetRequiredService<ServiceReporter>().ReportAsync(quarter, "huntingdon", CancellationToken.None);

        cambridge.Active.Should().Be(2, "one agreeing coaching and one still waiting; the closed one is not active");
        cambridge.WaitingForFirstContact.Should().Be(1);
        cambridge.OverdueTasks.Should().Be(1, "only the waiting referral's conversation is past its seven days");
        cambridge.LongestWaitDays.Should().Be(8);
        cambridge.LongestWaiting!.Reference.Should().Be(waiting.Reference);
        huntingdon.Active.Should().Be(0);
        report.ReceivedByTeam.Should().Equal(("cambridge", 3));
        report.FirstContact.Contacted.Should().Be(2);
        report.FirstContact.MedianDays.Should().Be(2);
        report.FirstContact.LongestWaitDays.Should().Be(8);
        report.FirstContact.LongestWaitReference.Should().Be(waiting.Reference);
        report.ClosuresByReason.Should().Equal(("not-right-now", 1));
        huntingdonReport.ClosuresByReason.Should().BeEmpty();
        huntingdonReport.ReceivedByTeam.Should().Equal(("huntingdon", 0));
    }
}
