using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>Many members of staff looking at one referral at once: every view answers and every view is in the access log, none on the timeline.</summary>
public sealed class ConcurrentViewTests
{
    [Fact]
    public async Task Fifty_views_of_one_referral_page_at_once_all_answer_and_are_all_recorded()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var coach = await journey.AsAsync(JourneyDriver.Coach);

        var views = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => coach.GetAsync(new Uri($"/staff/referrals/{journey.Id}", UriKind.Relative))));
        var record = await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None);
        var log = await journey.Factory.Services.GetRequiredService<AccessLog>().ForReferralAsync(journey.Id, CancellationToken.None);
        var month = await journey.Factory.Services.GetRequiredService<AccessLog>().MonthAsync(journey.Now, CancellationToken.None);

        views.Select(v => v.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var pageViews = log.Where(e => e.Detail == "referral page").ToList();
        pageViews.Should().HaveCount(50).And.OnlyContain(e => e.Who == JourneyDriver.Coach && e.Action == AccessActions.Viewed && e.Referral!.Id == journey.Id);
        month.Count(e => e.Detail == "referral page" && e.Referral?.Id == journey.Id).Should().Be(50, "each row has its twin in the month's log");
        record!.Audit.Should().NotContain(a => a.Action == "viewed", "the timeline is for care alone");
    }
}
