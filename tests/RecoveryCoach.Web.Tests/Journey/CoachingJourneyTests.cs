using System.Net;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Journey;

namespace RecoveryCoach.Web.Tests.Journey;

/// <summary>
/// Referrals that go all the way: agreement, check-ins over the planned weeks, discharge from
/// the trust part-way, more weeks, early closure, and closure with everyone concerned told. The
/// real host, runtime, Azurite and maildev, with weeks skipped on a fake clock.
/// </summary>
public sealed class CoachingJourneyTests
{
    [Fact]
    public async Task The_happy_path_runs_six_weekly_check_ins_to_closure_and_tells_everyone_concerned()
    {
        await using var journey = await JourneyDriver.StartAsync();

        var agreedAt = await journey.AgreeAsync(weeks: 6);
        var checkInDue = new List<DateTimeOffset>();
        for (var week = 1; week <= 6; week++)
        {
            checkInDue.Add((await journey.StageAsync("check-in"))["stage"]!["dueAt"]!.GetValue<DateTimeOffset>());
            await journey.CheckInAsync(notes: Forms.CheckInNotes);
        }

        await journey.AdvanceAsync(agreedAt.AddDays(42) - journey.Now);
        var closureTask = await journey.CompleteStageAsync("closure", Forms.Closure("completed"));
        var done = await journey.CompletionAsync();

        checkInDue.Should().Equal(Enumerable.Range(1, 6).Select(w => agreedAt.AddDays(7 * w)));
        var outcome = done.ReadOutputAs<JourneyOutcome>()!;
        outcome.Status.Should().Be(RecoveryCoach.Referrals.ReferralStatus.Closed);
        outcome.ClosureReason.Should().Be("completed");
        outcome.CheckInsHeld.Should().Be(6);

        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("closed");
        state["closure"]!["reason"]!.GetValue<string>().Should().Be("completed");
        state["coaching"]!["plannedWeeks"]!.GetValue<int>().Should().Be(6);
        state["stage"]!["stage"]!.GetValue<string>().Should().Be("ended");

        var tasks = await journey.TasksAsync("done");
        tasks.Select(t => t["type"]!.GetValue<string>()).Should().BeEquivalentTo(
            ["initial-conversation", "agreement", "check-in", "check-in", "check-in", "check-in", "check-in", "check-in", "closure"]);
        tasks.Should().OnlyContain(t => t["completedBy"]!.GetValue<string>() == JourneyDriver.Coach);
        (await journey.TasksAsync("open")).Should().BeEmpty();

        var actions = JourneyDriver.Actions(state);
        actions.Count(a => a == "task-created").Should().Be(9);
        actions.Count(a => a == "task-done").Should().Be(9);
        actions.Should().Contain(["received", "eligibility-decided", "allocated", "task-claimed", "contact-attempt", "closed"]);
        actions.Should().NotContain(["task-reminder", "task-escalated"]);

        var mail = await journey.MailAsync(atLeast: 8);
        mail.Select(m => m.Key).Should().BeEquivalentTo(
            ["acknowledgement-referrer", "acknowledgement-person", "team-notice", $"task-{closureTask}", "closed-referrer", "closed-person", "closed-care-coordinator", "closed-gp"]);
        mail.Single(m => m.Key == $"task-{closureTask}").IsTo(JourneyDriver.Coach).Should().BeTrue("the closure task goes to the coach");
        var gp = mail.Single(m => m.Key == "closed-gp");
        gp.IsTo(JourneyDriver.GpAddress).Should().BeTrue();
        gp.Text.Should().Contain("coaching was completed as planned").And.Contain("Check-ins with a session held: 6");
        ShouldHoldNothingPersonal(mail);
    }

    [Fact]
    public async Task An_eight_week_plan_goes_on_after_discharge_from_the_trust_in_week_three_and_the_care_coordinator_is_told()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var agreedAt = await journey.AgreeAsync(weeks: 8);
        await journey.CheckInAsync();
        await journey.CheckInAsync();

        await journey.AdvanceAsync(TimeSpan.FromDays(3));
        var dischargedOn = DateOnly.FromDateTime(journey.Now.UtcDateTime);
        var future = await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = dischargedOn.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var discharge = await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = dischargedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var told = await journey.MailKeyedAsync("discharged-care-coordinator");
        var again = await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = dischargedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

        future.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        discharge.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "a discharge is recorded once");
        told.IsTo(JourneyDriver.ReferrerAddress).Should().BeTrue("the sample's care coordinator is its referrer");
        told.Text.Should().Contain("continue");

        for (var week = 3; week <= 8; week++)
        {
            await journey.CheckInAsync();
        }

        await journey.AdvanceAsync(agreedAt.AddDays(56) - journey.Now);
        await journey.CompleteStageAsync("closure", Forms.Closure("completed"));
        var outcome = (await journey.CompletionAsync()).ReadOutputAs<JourneyOutcome>()!;

        outcome.CheckInsHeld.Should().Be(8);
        outcome.DischargedFromTrust.Should().BeTrue();
        var state = await journey.StateAsync();
        state["dischargedOn"]!.GetValue<string>().Should().Be(dischargedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        state["status"]!.GetValue<string>().Should().Be("closed");
        JourneyDriver.Actions(state).Should().ContainSingle(a => a == "discharged");
        (await journey.TasksAsync("done")).Count(t => t["type"]!.GetValue<string>() == "check-in").Should().Be(8);
        var mail = await journey.MailAsync(atLeast: 8);
        mail.Select(m => m.Key).Should().Contain(["closed-referrer", "closed-person", "closed-gp"])
            .And.NotContain("closed-care-coordinator", "the care coordinator is no longer involved after discharge");
        mail.Single(m => m.Key == "closed-gp").Text.Should().Contain("Discharged from the trust");
        ShouldHoldNothingPersonal(mail);
    }

    [Fact]
    public async Task One_request_for_more_weeks_is_approved_and_another_declined_and_the_plan_runs_to_its_new_end()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var agreedAt = await journey.AgreeAsync(weeks: 6);
        await journey.StageAsync("check-in");

        var tooMany = await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 5 });
        var asked = await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 2 });
        var approval = await OpenTaskAsync(journey, "extension-approval");
        var twice = await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 1 });
        var toLead = await journey.MailKeyedAsync($"task-{approval}");
        await journey.CompleteAsync(approval, Forms.Extension(approved: true, weeks: 2), JourneyDriver.Lead);
        var extended = await journey.UntilAsync(s => s["coaching"]!["extensionWeeks"]!.GetValue<int>() == 2, "two weeks should be added");

        var beyondWhatIsLeft = await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 3 });
        (await journey.RequestAsync("extension", new JsonObject { ["weeks"] = 1 })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var second = await OpenTaskAsync(journey, "extension-approval");
        await journey.CompleteAsync(second, Forms.Extension(approved: false), JourneyDriver.Lead);
        await journey.UntilAsync(s => JourneyDriver.Actions(s).Count(a => a == "task-done") == 4, "the declined request should be recorded");

        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooMany.Content.ReadAsStringAsync()).Should().Contain("weeks");
        asked.StatusCode.Should().Be(HttpStatusCode.Accepted);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict, "one request waits for a team lead at a time");
        toLead.IsTo(JourneyDriver.CambridgeLeadInbox).Should().BeTrue();
        extended["coaching"]!["endsAt"]!.GetValue<DateTimeOffset>().Should().Be(agreedAt.AddDays(56));
        beyondWhatIsLeft.StatusCode.Should().Be(HttpStatusCode.BadRequest, "only two of the rules' four weeks are left");

        for (var week = 1; week <= 8; week++)
        {
            await journey.CheckInAsync();
        }

        await journey.AdvanceAsync(agreedAt.AddDays(56) - journey.Now);
        await journey.CompleteStageAsync("closure", Forms.Closure("completed"));
        var outcome = (await journey.CompletionAsync()).ReadOutputAs<JourneyOutcome>()!;

        outcome.ExtensionWeeks.Should().Be(2);
        outcome.CheckInsHeld.Should().Be(8, "the approved weeks add check-ins; the declined one adds none");
        var state = await journey.StateAsync();
        state["timeline"]!.AsArray().Select(e => e!["detail"]!.GetValue<string>())
            .Should().Contain(d => d.Contains("2 more week(s) approved")).And.Contain(d => d.Contains("more weeks declined"));
    }

    [Fact]
    public async Task Early_closure_goes_straight_to_the_closure_task_and_cancels_the_check_in_left_open()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        await journey.CheckInAsync();
        var openCheckIn = await journey.TaskOfStageAsync("check-in");

        var closeEarly = await journey.RequestAsync("early-closure", new JsonObject());
        var closureTask = await journey.TaskOfStageAsync("closure");
        var twice = await journey.RequestAsync("early-closure", new JsonObject());
        await journey.CompleteAsync(closureTask, Forms.Closure("ended-early"));
        var outcome = (await journey.CompletionAsync()).ReadOutputAs<JourneyOutcome>()!;

        closeEarly.StatusCode.Should().Be(HttpStatusCode.Accepted);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict, "the referral is already closing");
        outcome.ClosureReason.Should().Be("ended-early");
        outcome.CheckInsHeld.Should().Be(1);
        (await journey.TasksAsync("cancelled")).Should().ContainSingle().Which["id"]!.GetValue<string>().Should().Be(openCheckIn);
        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("closed");
        JourneyDriver.Actions(state).Should().Contain(["early-closure-requested", "closed"]);
        var mail = await journey.MailAsync(atLeast: 8);
        mail.Select(m => m.Key).Should().Contain(["closed-referrer", "closed-person", "closed-care-coordinator", "closed-gp"]);
        mail.Single(m => m.Key == "closed-gp").Text.Should().Contain("coaching ended early");
    }

    [Fact]
    public async Task Early_closure_before_any_agreement_closes_the_referral_as_withdrawn_with_its_open_task_cancelled()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var conversation = await journey.TaskOfStageAsync("initial-conversation");

        (await journey.RequestAsync("early-closure", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var outcome = (await journey.CompletionAsync()).ReadOutputAs<JourneyOutcome>()!;
        var late = await journey.TryCompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));

        outcome.ClosureReason.Should().Be("withdrawn");
        (await journey.TasksAsync("cancelled")).Should().ContainSingle().Which["id"]!.GetValue<string>().Should().Be(conversation);
        late.StatusCode.Should().Be(HttpStatusCode.Conflict, "a task on a closed referral cannot be done");
        (await journey.StateAsync())["closure"]!["reason"]!.GetValue<string>().Should().Be("withdrawn");
    }

    /// <summary>No email carries the person's name, the reason for referral or a coach's notes.</summary>
    internal static void ShouldHoldNothingPersonal(IEnumerable<MailDevMessage> mail) =>
        mail.Should().AllSatisfy(m =>
        {
            var text = m.Subject + "\n" + m.Text;
            text.Should().NotContain(SampleReferrals.ReasonText)
                .And.NotContain("Alex")
                .And.NotContain(Forms.CheckInNotes)
                .And.NotContain("community garden", "goals are the person's own words");
        });

    internal static async Task<string> OpenTaskAsync(JourneyDriver journey, string type) =>
        (await Eventually.UntilAsync(() => journey.TasksAsync("open"), open => open.Any(t => t["type"]!.GetValue<string>() == type), $"a {type} task should open"))
            .First(t => t["type"]!.GetValue<string>() == type)["id"]!.GetValue<string>();
}
