using System.Net;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// The journey on the real engine: the web app's own DTFx worker against Azurite, with journey
/// rules whose durations are seconds, so timers fire on the wall clock within a test.
/// </summary>
public sealed class RealEngineJourneyTests
{
    [Fact]
    public async Task A_triaged_referral_goes_through_conversation_agreement_discharge_more_weeks_and_a_check_in_to_closure()
    {
        using var rules = ShortJourneyRules.With(new Dictionary<string, double> { ["FirstContactDays"] = 3 });
        await using var factory = new ReferralServiceFactory { RealEngine = true, RulesPath = rules.Path };
        await using var journey = await JourneyDriver.StartAsync(SampleReferrals.Valid(postcode: "SW1A 1AA").With(r => r["person"]!["gpPracticeEmail"] = JourneyDriver.GpAddress), factory);

        await journey.CompleteStageAsync("triage", Forms.Triage("cambridge"), JourneyDriver.Lead);
        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        await journey.ClaimAsync(conversation);
        var reminder = await journey.MailKeyedAsync($"reminder-{conversation}-0");
        await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
        await journey.CompleteStageAsync("agreement", Forms.Agreement(weeks: 6, cadenceDays: 7));
        var checkIn = await journey.TaskOfStageAsync("check-in");
        (await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = journey.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await journey.UntilAsync(s => s["dischargedOn"] is not null, "the discharge should be recorded");
        (await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 2 })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var extension = await ExtensionTaskAsync(journey);
        await journey.CompleteAsync(extension, Forms.Extension(approved: true, weeks: 2), JourneyDriver.Lead);
        await journey.UntilAsync(s => s["coaching"]?["extensionWeeks"]?.GetValue<int>() == 2, "the plan should have two more weeks");
        await journey.CompleteAsync(checkIn, Forms.CheckIn(sessionHeld: true, riskConcern: true));
        await journey.MailKeyedAsync($"risk-{checkIn}-team-lead");
        await journey.StageAsync("check-in");
        (await journey.RequestAsync("early-closure", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await journey.CompleteStageAsync("closure", Forms.Closure("ended-early"));
        var done = await journey.CompletionAsync();
        await GoldenRecorder.SaveAsync(factory, journey.Id, "referral-journey-closed-after-everything");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        var outcome = done.ReadOutputAs<JourneyOutcome>()!;
        outcome.Should().Be(new JourneyOutcome(ReferralStatus.Closed, "ended-early", 1, 2, true));
        reminder.IsTo(JourneyDriver.Coach).Should().BeTrue("the coach who claimed the conversation is reminded");
        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("closed");
        (await journey.MailAsync(atLeast: 1)).Select(m => m.Key).Should().Contain(["closed-gp", "discharged-care-coordinator"]);
        var history = await factory.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(journey.Id);
        history.OfType<TimerFiredEvent>().Should().NotBeEmpty("the reminder came from a timer on the engine");
        history.OfType<TaskScheduledEvent>().Count(t => t.Name == nameof(DecideReferralActivity)).Should().Be(1);
    }

    [Fact]
    public async Task An_overdue_initial_conversation_is_reminded_then_escalated_by_timers_on_the_engine()
    {
        using var rules = ShortJourneyRules.With(new Dictionary<string, double> { ["FirstContactDays"] = 2, ["EscalateAfterDays"] = 2 });
        await using var factory = new ReferralServiceFactory { RealEngine = true, RulesPath = rules.Path };
        await using var journey = await JourneyDriver.StartAsync(factory: factory);

        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        var reminder = await journey.MailKeyedAsync($"reminder-{conversation}-0");
        var escalation = await journey.MailKeyedAsync($"escalation-{conversation}");
        var task = await (await journey.AsAsync(JourneyDriver.Lead)).GetFromJsonObjectAsync($"/api/tasks/{conversation}");
        await GoldenRecorder.SaveAsync(factory, journey.Id, "referral-journey-overdue-and-escalated");

        reminder.IsTo(JourneyDriver.CambridgeTeamInbox).Should().BeTrue("nobody has claimed the task, so the team is reminded");
        escalation.IsTo(JourneyDriver.CambridgeLeadInbox).Should().BeTrue();
        task["escalatedAt"].Should().NotBeNull();
        var state = await journey.StageAsync("initial-conversation");
        JourneyDriver.Actions(state).Should().Contain(["task-reminder", "task-escalated"]);
        var history = await factory.Services.GetRequiredService<DurableTaskClient>().GetOrchestrationHistoryAsync(journey.Id);
        history.OfType<TimerFiredEvent>().Should().HaveCountGreaterThanOrEqualTo(2);
    }

    private static async Task<string> ExtensionTaskAsync(JourneyDriver journey)
    {
        var open = await Eventually.UntilAsync(() => journey.TasksAsync("open"), t => t.Any(IsExtension), "a team lead should have the request for more weeks");
        return open.Single(IsExtension)["id"]!.GetValue<string>();

        static bool IsExtension(JsonObject task) => task["type"]!.GetValue<string>() == "extension-approval";
    }
}
