using System.Net;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Web.Tests.Journey;

/// <summary>
/// Referrals that end before coaching or need a person to place them: ineligible, triaged by
/// a team lead, coaching not right for now, and a person the team cannot reach.
/// </summary>
public sealed class ConversationJourneyTests
{
    [Fact]
    public async Task An_ineligible_referral_ends_its_journey_at_once_with_the_reasons_sent_and_no_tasks()
    {
        await using var journey = await JourneyDriver.StartAsync(SampleReferrals.Valid(dateOfBirth: "1950-01-01").With(r => r["readyToWorkTowardsDischarge"] = false));

        var done = await journey.CompletionAsync();

        done.ReadOutputAs<JourneyOutcome>()!.Status.Should().Be(ReferralStatus.Ineligible);
        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("ineligible");
        (await journey.TasksAsync("open")).Should().BeEmpty();
        var decline = (await journey.MailAsync(atLeast: 2)).Single(m => m.IsTo(JourneyDriver.ReferrerAddress));
        decline.Text.Should().Contain("aged 17 to 65").And.Contain("ready to work towards discharge").And.Contain(state["eligibility"]!["rulesetVersion"]!.GetValue<string>());
        JourneyDriver.Actions(state).Should().NotContain("task-created");
    }

    [Fact]
    public async Task A_coach_who_completes_the_initial_conversation_without_claiming_it_becomes_the_coach_of_what_follows()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var conversation = await journey.TaskOfStageAsync("initial-conversation");

        await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now), JourneyDriver.OtherCoach);
        var agreement = await AsCreatedAsync(journey, await journey.TaskOfStageAsync("agreement"));
        await journey.CompleteAsync(agreement["id"]!.GetValue<string>(), Forms.Agreement(6, 7), JourneyDriver.OtherCoach);
        var checkIn = await AsCreatedAsync(journey, await journey.TaskOfStageAsync("check-in"));

        (agreement["assignee"]?.GetValue<string>()).Should().Be(JourneyDriver.OtherCoach, "who completed the initial conversation took it on");
        (checkIn["assignee"]?.GetValue<string>()).Should().Be(JourneyDriver.OtherCoach);
        (await journey.TasksAsync("done")).Should().HaveCount(2).And.OnlyContain(t => t["assignee"]!.GetValue<string>() == JourneyDriver.OtherCoach);
    }

    [Fact]
    public async Task A_referral_no_rule_places_waits_for_a_team_lead_to_choose_the_team_which_then_gets_the_initial_conversation()
    {
        await using var journey = await JourneyDriver.StartAsync(SampleReferrals.Valid(postcode: "SW1A 1AA"));

        var triage = await journey.StageAsync("triage");
        var triageTask = triage["stage"]!["taskId"]!.GetValue<string>();
        var worklist = await (await journey.AsAsync(JourneyDriver.Lead)).GetFromJsonArrayAsync("/api/tasks?team=triage");
        var badTeam = await journey.TryCompleteAsync(triageTask, Forms.Triage("ely"), JourneyDriver.Lead);
        await journey.CompleteAsync(triageTask, Forms.Triage("huntingdon"), JourneyDriver.Lead);
        var conversation = await journey.StageAsync("initial-conversation");
        var conversationTask = conversation["stage"]!["taskId"]!.GetValue<string>();
        var toTeam = await journey.MailKeyedAsync($"task-{conversationTask}");

        triage["status"]!.GetValue<string>().Should().Be("awaiting-triage");
        triage["stage"]!["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay.AddDays(2));
        worklist.Should().Contain(t => t!["id"]!.GetValue<string>() == triageTask);
        badTeam.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badTeam.Content.ReadAsStringAsync()).Should().Contain("outcome.team");
        conversation["status"]!.GetValue<string>().Should().Be("allocated");
        conversation["allocation"]!["team"]!["code"]!.GetValue<string>().Should().Be("huntingdon");
        conversation["allocation"]!["reason"]!.GetValue<string>().Should().Contain(JourneyDriver.Lead);
        conversation["stage"]!["dueAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay.AddDays(7));
        (await (await journey.AsAsync(StaffSignIn.HuntingdonCoach)).GetFromJsonArrayAsync("/api/tasks")).Should().Contain(t => t!["id"]!.GetValue<string>() == conversationTask);
        toTeam.IsTo("huntingdon-team@recovery-coach.localhost").Should().BeTrue();
        (await journey.MailAsync(atLeast: 4)).Should().Contain(m => m.Key == "triage-notice" && m.IsTo(JourneyDriver.TriageInbox));
        JourneyDriver.Actions(conversation).Should().Contain(["triage-needed", "task-created", "task-done"]);
    }

    [Fact]
    public async Task A_null_attempt_in_the_form_is_refused_naming_it_and_the_task_stays_open()
    {
        await using var journey = await JourneyDriver.StartAsync();

        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        var withNull = await journey.TryCompleteAsync(conversation, Forms.CoachingIsRight(journey.Now).With(f => f["attempts"] = new System.Text.Json.Nodes.JsonArray((System.Text.Json.Nodes.JsonNode?)null)));

        withNull.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withNull.Content.ReadAsStringAsync()).Should().Contain("outcome.attempts[0]");
        (await journey.TasksAsync("open")).Should().ContainSingle(t => t["id"]!.GetValue<string>() == conversation);
    }

    [Fact]
    public async Task When_coaching_is_not_right_for_now_the_referral_closes_with_signposting_for_the_person()
    {
        await using var journey = await JourneyDriver.StartAsync();

        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        var noSignposting = await journey.TryCompleteAsync(conversation, Forms.NotRightNow(journey.Now).With(f => f.Remove("signposting")));
        await journey.CompleteAsync(conversation, Forms.NotRightNow(journey.Now));
        var done = await journey.CompletionAsync();

        noSignposting.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noSignposting.Content.ReadAsStringAsync()).Should().Contain("outcome.signposting");
        done.ReadOutputAs<JourneyOutcome>()!.ClosureReason.Should().Be("not-right-now");
        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("closed");
        state["coaching"].Should().BeNull();
        (await journey.TasksAsync("done")).Select(t => t["type"]!.GetValue<string>()).Should().Equal("initial-conversation");
        var mail = await journey.MailAsync(atLeast: 7);
        mail.Single(m => m.Key == "closed-person").Text.Should().Contain(Forms.Signposting);
        mail.Single(m => m.Key == "closed-referrer").Text.Should().NotContain(Forms.Signposting).And.Contain("other support");
        mail.Select(m => m.Key).Should().Contain(["closed-care-coordinator", "closed-gp"]);
        CoachingJourneyTests.ShouldHoldNothingPersonal(mail);
    }

    [Fact]
    public async Task A_person_not_reached_after_the_rules_attempts_closes_as_not_engaged_and_the_referrer_and_care_coordinator_are_told()
    {
        var referral = SampleReferrals.Valid().With(r => r["careCoordinator"]!["email"] = "jo.coordinator@example.nhs.uk");
        await using var journey = await JourneyDriver.StartAsync(referral);

        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        await journey.AdvanceAsync(TimeSpan.FromDays(3));
        var tooFew = await journey.TryCompleteAsync(conversation, Forms.NotReached(journey.Now, attempts: 2));
        await journey.CompleteAsync(conversation, Forms.NotReached(journey.Now, attempts: 3));
        var done = await journey.CompletionAsync();

        tooFew.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooFew.Content.ReadAsStringAsync()).Should().Contain("outcome.attempts").And.Contain("Make 3 attempts");
        done.ReadOutputAs<JourneyOutcome>()!.ClosureReason.Should().Be("not-engaged");
        var state = await journey.StateAsync();
        JourneyDriver.Actions(state).Count(a => a == "contact-attempt").Should().Be(3);
        state["status"]!.GetValue<string>().Should().Be("closed");
        (await journey.TasksAsync("done")).Select(t => t["type"]!.GetValue<string>()).Should().Equal("initial-conversation");
        state["closure"]!["description"]!.GetValue<string>().Should().Be("the team could not reach the person");
        var closing = (await journey.MailAsync(atLeast: 5)).Where(m => m.Key.StartsWith("closed-", StringComparison.Ordinal)).ToList();
        closing.Select(m => m.Key).Should().BeEquivalentTo(["closed-referrer", "closed-care-coordinator"]);
        closing.Single(m => m.Key == "closed-care-coordinator").IsTo("jo.coordinator@example.nhs.uk").Should().BeTrue();
    }

    private static async Task<JsonObject> AsCreatedAsync(JourneyDriver journey, string taskId) =>
        (await journey.TasksAsync("open")).Single(t => t["id"]!.GetValue<string>() == taskId);
}
