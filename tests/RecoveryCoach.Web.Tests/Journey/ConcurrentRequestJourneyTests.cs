using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Journey;

/// <summary>
/// Staff sending the same request at once, as a double click or two people on one referral do:
/// one is accepted and acted on, every other is refused with the reason, and none is accepted
/// and then dropped.
/// </summary>
public sealed class ConcurrentRequestJourneyTests
{
    [Fact]
    public async Task Five_requests_for_more_weeks_at_once_give_one_acceptance_four_conflicts_and_one_approval_task()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        await journey.StageAsync("check-in");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => journey.RequestAsync("extension", new JsonObject { ["weeks"] = 2 })));
        await CoachingJourneyTests.OpenTaskAsync(journey, "extension-approval");
        await journey.AdvanceAsync(TimeSpan.FromMinutes(1));

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        await ShouldBeConflictsWithAReasonAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), 4);
        (await journey.TasksAsync("open")).Count(t => t["type"]!.GetValue<string>() == "extension-approval").Should().Be(1);
        (await TimelineAsync(journey)).Count(a => a.Action == "task-created" && a.Detail.Contains("more week(s)", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Five_early_closures_at_once_give_one_acceptance_four_conflicts_and_one_timeline_line()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        await journey.StageAsync("check-in");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => journey.RequestAsync("early-closure", new JsonObject())));
        await journey.StageAsync("closure");

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        await ShouldBeConflictsWithAReasonAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), 4);
        (await TimelineAsync(journey)).Count(a => a.Action == "early-closure-requested").Should().Be(1);
    }

    [Fact]
    public async Task Five_discharges_at_once_give_one_acceptance_four_conflicts_and_one_discharge_recorded()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        await journey.StageAsync("check-in");
        var today = DateOnly.FromDateTime(journey.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = today })));
        await Eventually.UntilAsync(() => TimelineAsync(journey), timeline => timeline.Any(a => a.Action == "discharged"), "the discharge should be recorded");
        await journey.AdvanceAsync(TimeSpan.FromMinutes(1));

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        await ShouldBeConflictsWithAReasonAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), 4);
        (await TimelineAsync(journey)).Count(a => a.Action == "discharged").Should().Be(1);
    }

    [Fact]
    public async Task A_request_whose_signal_never_reached_the_journey_blocks_the_next_only_for_a_few_minutes()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        await journey.StageAsync("check-in");
        var pending = journey.Factory.Services.GetRequiredService<PendingRequestStore>();
        (await pending.TryHoldAsync(journey.Id, JourneyRequestKind.Extension, journey.Now, CancellationToken.None)).Should().BeTrue("a request held it, and its signal was lost");

        var meanwhile = await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 1 });
        await journey.AdvanceAsync(PendingRequestStore.StaleAfter + TimeSpan.FromSeconds(1));
        var later = await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 1 });
        await CoachingJourneyTests.OpenTaskAsync(journey, "extension-approval");

        meanwhile.StatusCode.Should().Be(HttpStatusCode.Conflict);
        later.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private static async Task ShouldBeConflictsWithAReasonAsync(IEnumerable<HttpResponseMessage> answers, int count)
    {
        var refused = answers.ToList();
        refused.Should().HaveCount(count).And.OnlyContain(a => a.StatusCode == HttpStatusCode.Conflict);
        foreach (var answer in refused)
        {
            answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await answer.Content.ReadFromJsonObjectAsync())["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        }
    }

    private static async Task<IReadOnlyList<RecoveryCoach.Referrals.AuditEntry>> TimelineAsync(JourneyDriver journey) =>
        (await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None))!.Audit;
}
