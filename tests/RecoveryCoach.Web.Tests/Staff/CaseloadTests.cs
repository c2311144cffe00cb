using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Caseload;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>A team's caseload, computed from what the journeys recorded in real storage.</summary>
public sealed class CaseloadTests
{
    [Fact]
    public async Task The_caseload_counts_active_and_waiting_referrals_overdue_tasks_time_to_first_contact_and_closures()
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

        var reporter = factory.Services.GetRequiredService<CaseloadReporter>();
        var cambridge = await reporter.ReportAsync("cambridge", CancellationToken.None);
        var huntingdon = await reporter.ReportAsync("huntingdon", CancellationToken.None);

        cambridge.Active.Should().Be(2, "one agreeing coaching and one still waiting; the closed one is not active");
        cambridge.WaitingForFirstContact.Should().Be(1);
        cambridge.OverdueTasks.Should().Be(1, "only the waiting referral's conversation is past its seven days");
        cambridge.MedianDaysToFirstContact.Should().Be(2);
        cambridge.LongestWaitDays.Should().Be(8);
        cambridge.LongestWaitReference.Should().Be(waiting.Reference);
        cambridge.ClosuresByReason.Should().Equal(("not-right-now", 1));
        huntingdon.Active.Should().Be(0);
        huntingdon.ClosuresByReason.Should().BeEmpty();
    }
}
