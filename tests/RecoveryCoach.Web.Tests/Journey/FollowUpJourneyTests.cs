using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Web.Tests.Journey;

/// <summary>
/// Nothing falls through a crack: overdue tasks are reminded and escalated, missed check-ins
/// and risk concerns reach the team lead at once, tasks cannot be done twice or on a closed
/// referral, and emails survive a mail server that is down for an hour.
/// </summary>
public sealed class FollowUpJourneyTests
{
    [Fact]
    public async Task An_overdue_check_in_is_reminded_on_its_due_date_then_escalated_and_two_missed_in_a_row_tell_the_team_lead()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var agreedAt = await journey.AgreeAsync();
        var first = await journey.TaskOfStageAsync("check-in");

        await journey.AdvanceAsync(agreedAt.AddDays(7).AddHours(1) - journey.Now);
        var reminder = await journey.MailKeyedAsync($"reminder-{first}-0");
        var overdue = await journey.TasksAsync("overdue");
        await journey.AdvanceAsync(TimeSpan.FromDays(2));
        var escalation = await journey.MailKeyedAsync($"escalation-{first}");
        var secondReminder = await journey.MailKeyedAsync($"reminder-{first}-1");
        var escalated = await (await journey.AsAsync(JourneyDriver.Coach)).GetFromJsonObjectAsync($"/api/tasks/{first}");

        reminder.IsTo(JourneyDriver.Coach).Should().BeTrue("the coach has the check-in");
        overdue.Should().ContainSingle().Which["id"]!.GetValue<string>().Should().Be(first);
        escalation.IsTo(JourneyDriver.CambridgeLeadInbox).Should().BeTrue();
        secondReminder.IsTo(JourneyDriver.Coach).Should().BeTrue();
        escalated["escalatedAt"]!.GetValue<DateTimeOffset>().Should().Be(agreedAt.AddDays(9).AddHours(1));
        escalated["overdue"]!.GetValue<bool>().Should().BeTrue();

        await journey.CompleteAsync(first, Forms.CheckIn(sessionHeld: false));
        var second = await journey.CompleteStageAsync("check-in", Forms.CheckIn(sessionHeld: false));
        var missed = await journey.MailKeyedAsync($"missed-check-ins-{second}");

        missed.IsTo(JourneyDriver.CambridgeLeadInbox).Should().BeTrue();
        var state = await journey.StageAsync("check-in");
        state["status"]!.GetValue<string>().Should().Be("coaching");
        var actions = JourneyDriver.Actions(state);
        actions.Count(a => a == "task-reminder").Should().Be(2);
        actions.Should().ContainSingle(a => a == "task-escalated");
        (await journey.MailAsync(atLeast: 7)).Should().NotContain(m => m.Key == $"missed-check-ins-{first}", "one missed check-in alone tells nobody");
        (await journey.TasksAsync("done")).Count(t => t["type"]!.GetValue<string>() == "check-in").Should().Be(2);
        (await journey.TasksAsync("open")).Should().ContainSingle().Which["type"]!.GetValue<string>().Should().Be("check-in");
    }

    [Fact]
    public async Task A_risk_concern_at_a_check_in_tells_the_team_lead_and_care_coordinator_at_once_without_the_notes()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync();

        var checkIn = await journey.CheckInAsync(riskConcern: true, notes: Forms.CheckInNotes);
        var recordedAt = journey.Now;
        var toLead = await journey.MailKeyedAsync($"risk-{checkIn}-team-lead");
        var toCoordinator = await journey.MailKeyedAsync($"risk-{checkIn}-care-coordinator");

        toLead.IsTo(JourneyDriver.CambridgeLeadInbox).Should().BeTrue();
        toCoordinator.IsTo(JourneyDriver.ReferrerAddress).Should().BeTrue("the sample's care coordinator");
        CoachingJourneyTests.ShouldHoldNothingPersonal([toLead, toCoordinator]);
        var state = await journey.StateAsync();
        state["notifications"]!.AsArray().Where(n => n!["key"]!.GetValue<string>().StartsWith("risk-", StringComparison.Ordinal))
            .Should().HaveCount(2).And.OnlyContain(n => n!["attemptedAt"]!.GetValue<DateTimeOffset>() == recordedAt, "no time passes before they go");
        state["timeline"]!.AsArray().Should().Contain(e => e!["detail"]!.GetValue<string>().Contains("A risk concern was recorded"));
        state["status"]!.GetValue<string>().Should().Be("coaching", "coaching goes on after a risk concern");
        (await journey.TasksAsync("done")).Select(t => t["type"]!.GetValue<string>()).Should().BeEquivalentTo(["initial-conversation", "agreement", "check-in"]);
    }

    [Fact]
    public async Task A_task_done_twice_or_on_a_closed_referral_is_a_conflict_and_a_bad_form_names_each_field()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var conversation = await journey.TaskOfStageAsync("initial-conversation");

        var badForm = await journey.TryCompleteAsync(conversation, new JsonObject { ["outcome"] = "maybe", ["attempts"] = new JsonArray() });
        await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
        var twice = await journey.TryCompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
        var claimDone = await journey.TryClaimAsync(conversation, JourneyDriver.OtherCoach);
        var agreement = await journey.TaskOfStageAsync("agreement");
        (await journey.RequestAsync("early-closure", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await journey.CompletionAsync();
        var onClosed = await journey.TryCompleteAsync(agreement, Forms.Agreement());
        var dischargeClosed = await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = "2026-06-15" });
        var unknown = await journey.TryCompleteAsync("no-such-task", Forms.Agreement());

        badForm.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badForm.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await badForm.Content.ReadFromJsonObjectAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["outcome.outcome", "outcome.attempts"]);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).Should().Contain("already done");
        claimDone.StatusCode.Should().Be(HttpStatusCode.Conflict);
        onClosed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        dischargeClosed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var done = await journey.TasksAsync("done");
        done.Should().ContainSingle().Which["completedBy"]!.GetValue<string>().Should().Be(JourneyDriver.Coach, "the rejected attempts changed nothing");
    }

    [Fact]
    public async Task A_signal_that_cannot_be_read_is_ignored_and_the_journey_goes_on()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        var runtime = journey.Factory.Services.GetRequiredService<DurableTaskClient>();

        await runtime.RaiseEventAsync(journey.Id, JourneySignal.EventName, "not a signal");
        await runtime.RaiseEventAsync(journey.Id, JourneySignal.EventName);
        await runtime.RaiseEventAsync(journey.Id, JourneySignal.EventName, new { kind = "Discharged", by = JourneyDriver.Coach });
        await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
        var agreement = await journey.StageAsync("agreement");

        (await runtime.GetInstanceAsync(journey.Id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
        agreement["dischargedOn"].Should().BeNull("a discharge without its date is not recorded");
        (await runtime.GetOrchestrationHistoryAsync(journey.Id)).OfType<global::DurableTask.Core.History.EventRaisedEvent>()
            .Should().HaveCount(5, "the three unreadable signals, and the claim and completion of the task nobody had taken on");
    }

    [Fact]
    public async Task With_the_mail_server_down_for_an_hour_mid_journey_every_email_still_arrives_exactly_once()
    {
        var port = TestServers.ClosedPort();
        var mail = new TcpForwarder(port, TestServers.SmtpHost, TestServers.SmtpPort);
        mail.Start();
        await using var factory = new ReferralServiceFactory { SmtpPort = port };
        await using var journey = await JourneyDriver.StartAsync(factory: factory);
        await journey.MailAsync(atLeast: 3);
        await journey.AgreeAsync();

        await mail.DisposeAsync();
        var checkIn = await journey.CheckInAsync(riskConcern: true);
        var downSince = journey.Now;
        await UntilFailedAsync(journey, attempts: 1);
        await journey.AdvanceAsync(TimeSpan.FromMinutes(30));
        await UntilFailedAsync(journey, attempts: 2);
        await journey.AdvanceAsync(TimeSpan.FromMinutes(31));
        await UntilFailedAsync(journey, attempts: 3);
        await using var mailBack = new TcpForwarder(port, TestServers.SmtpHost, TestServers.SmtpPort);
        mailBack.Start();
        await journey.AdvanceAsync(TimeSpan.FromMinutes(5));
        var recovered = await journey.UntilAsync(
            s => s["notifications"]!.AsArray().Where(n => n!["key"]!.GetValue<string>().StartsWith("risk-", StringComparison.Ordinal)).All(n => n!["status"]!.GetValue<string>() == "sent"),
            "the risk emails should go once the mail server is back");

        (journey.Now - downSince).Should().BeGreaterThan(TimeSpan.FromHours(1));
        recovered["stage"]!["stage"]!.GetValue<string>().Should().Be("check-in", "the journey went on to the next check-in");
        (await journey.RequestAsync("early-closure", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await journey.CompleteStageAsync("closure", Forms.Closure("ended-early"));
        await journey.CompletionAsync();

        var state = await journey.StateAsync();
        var notifications = state["notifications"]!.AsArray();
        notifications.Should().OnlyContain(n => n!["status"]!.GetValue<string>() == "sent");
        var received = await journey.MailAsync(atLeast: notifications.Count);
        received.Select(m => m.Key).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(notifications.Select(n => n!["key"]!.GetValue<string>()));
        received.Select(m => m.Key).Should().Contain([$"risk-{checkIn}-team-lead", $"risk-{checkIn}-care-coordinator", "closed-gp"]);
        JourneyDriver.Actions(state).Count(a => a == "email-failed").Should().Be(6, "two emails failed three times each, and each failure is on the timeline");
    }

    /// <summary>Waits until both risk emails have failed <paramref name="attempts"/> times.</summary>
    private static Task<JsonObject> UntilFailedAsync(JourneyDriver journey, int attempts) =>
        journey.UntilAsync(
            s => JourneyDriver.Actions(s).Count(a => a == "email-failed") >= 2 * attempts,
            $"the risk emails should fail {attempts} time(s) while the mail server is down");
}
