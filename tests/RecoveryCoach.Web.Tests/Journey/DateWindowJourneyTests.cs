using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Journey;

/// <summary>
/// Every date staff send falls between the day of referral and today, UK time: a contact
/// attempt or a discharge at the ends of the calendar is a 400 naming the field, and changes
/// nothing.
/// </summary>
public sealed class DateWindowJourneyTests
{
    [Theory]
    [InlineData("9999-12-31T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31")]
    public async Task A_contact_attempt_outside_the_referral_to_today_is_refused_by_name_and_changes_nothing(string at)
    {
        await using var journey = await JourneyDriver.StartAsync();
        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        var form = Forms.CoachingIsRight(journey.Now);
        form["attempts"]![0]!["at"] = at;

        var answer = await journey.TryCompleteAsync(conversation, form);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await answer.Content.ReadFromJsonObjectAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Equal("outcome.attempts[0].at");
        errors["outcome.attempts[0].at"]![0]!.GetValue<string>().Should().StartWith("The attempt must be made between 15 June 2026 and today");
        var open = (await journey.TasksAsync("open")).Should().ContainSingle().Subject;
        open["id"]!.GetValue<string>().Should().Be(conversation);
        open["assignee"].Should().BeNull("a refused form takes nothing on");
        (await TimelineAsync(journey)).Should().NotContain(a => a.Action == "contact-attempt" || a.Action == "task-claimed");
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_discharge_outside_the_referral_to_today_is_refused_by_name_and_changes_nothing(string on)
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync();
        await journey.StageAsync("check-in");

        var answer = await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = on });

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonObjectAsync())["errors"]!.AsObject().Select(e => e.Key).Should().Equal("dischargedOn");
        var record = await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None);
        record!.Referral.DischargedOn.Should().BeNull();
        record.Audit.Should().NotContain(a => a.Action == "discharged");
    }

    private static async Task<IReadOnlyList<RecoveryCoach.Referrals.AuditEntry>> TimelineAsync(JourneyDriver journey) =>
        (await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None))!.Audit;
}
