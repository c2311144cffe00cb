using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// The real engine with the worker in a process of its own, as in production, killed outright
/// while journeys are mid-step. Durability means a fresh process carries every journey on from
/// its last checkpoint, and nothing the journey did before the kill shows twice.
/// </summary>
[Collection(WorkerProcessTests.Name)]
public sealed class WorkerKillTests(ITestOutputHelper output)
{
    private const int Referrals = 10;

    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Messages a worker has fetched stay hidden from every other worker for the queue's
    /// visibility timeout, so a killed worker's messages come back only after it: 5 minutes in
    /// host.json. The workers here hide them for 30 s, about as long as the killed worker's
    /// partition leases take to expire, so the test waits for both and no longer.
    /// </summary>
    private static readonly Dictionary<string, string> ShortVisibility = new()
    {
        ["storageProvider:controlQueueVisibilityTimeout"] = "00:00:30",
        ["storageProvider:workItemQueueVisibilityTimeout"] = "00:00:30",
    };

    /// <summary>The killed worker's leases expire 30 s after their last renewal; its messages reappear 30 s after it fetched them.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_worker_killed_mid_journey_leaves_every_journey_to_a_fresh_worker_which_finishes_each_exactly_once()
    {
        await using var hub = new WorkerProcessHub();
        await hub.RunAsync(async () =>
        {
            // Arrange: referrals claimed and through their initial conversation on the first worker.
            var first = hub.StartWorker("worker-1", ShortVisibility);
            await Task.WhenAll(first.StartedAsync(StartUp), hub.StartClientAsync());
            var sinceStart = Stopwatch.StartNew();
            var journeys = await hub.SubmitAsync(Referrals);
            await Task.WhenAll(journeys.Select(ThroughInitialConversationAsync));

            // Act: every agreement recorded, and the worker killed while it carries them out.
            await Task.WhenAll(journeys.Select(j => j.CompleteStageAsync("agreement", Forms.Agreement())));
            first.Kill();
            var sinceKill = Stopwatch.StartNew();
            var killedAfter = sinceStart.Elapsed;
            var caughtMidStep = (await Task.WhenAll(journeys.Select(j => j.StateAsync()))).Count(s => s["stage"]?["stage"]?.GetValue<string>() != "check-in");
            var second = hub.StartWorker("worker-2", ShortVisibility);
            await second.StartedAsync(StartUp);
            var secondStarted = sinceKill.Elapsed;
            await Task.WhenAll(journeys.Select(j => j.StageAsync("check-in", Recovery)));
            var recovered = sinceKill.Elapsed;
            var outcomes = await Task.WhenAll(journeys.Select(CheckInThenCloseEarlyAsync));
            output.WriteLine($"Killed {killedAfter.TotalSeconds:0.0} s after worker-1 started, with {caughtMidStep} of {Referrals} agreements not yet carried out; worker-2 started {secondStarted.TotalSeconds:0.0} s after the kill; "
                + $"every journey at its check-in {recovered.TotalSeconds:0.0} s after it; all closed {sinceKill.Elapsed.TotalSeconds:0.0} s after it.");

            // Assert
            first.ExitCode.Should().Be(137, "SIGKILL ends a process with 128 + 9: it was killed, not stopped");
            caughtMidStep.Should().BePositive("the kill should catch journeys between an agreement and their next step");
            outcomes.Should().OnlyContain(o => o.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
            outcomes.Select(o => o.ReadOutputAs<JourneyOutcome>()!.ClosureReason).Should().OnlyContain(r => r == "ended-early");
            foreach (var journey in journeys)
            {
                await ShouldHaveTakenEachStepOnceAsync(journey);
            }
        });
    }

    private static async Task ThroughInitialConversationAsync(JourneyDriver journey)
    {
        var conversation = await journey.TaskOfStageAsync("initial-conversation");
        await journey.ClaimAsync(conversation);
        await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
        await journey.StageAsync("agreement");
    }

    private static async Task<OrchestrationMetadata> CheckInThenCloseEarlyAsync(JourneyDriver journey)
    {
        await journey.CompleteStageAsync("check-in", Forms.CheckIn());
        await journey.StageAsync("check-in");
        var closeEarly = await journey.RequestAsync("early-closure", new JsonObject());
        closeEarly.StatusCode.Should().Be(HttpStatusCode.Accepted, await closeEarly.Content.ReadAsStringAsync());
        await journey.CompleteStageAsync("closure", Forms.Closure("ended-early"));
        return await journey.CompletionAsync();
    }

    /// <summary>
    /// Activities run at least once, so one cut off by the kill runs again; what must never show
    /// twice is a step in the journey's history, a task, a timeline entry or an email.
    /// </summary>
    private static async Task ShouldHaveTakenEachStepOnceAsync(JourneyDriver journey)
    {
        var scheduled = await journey.Factory.Storage.ScheduledActivitiesAsync(journey.Id);
        scheduled.Count(a => a == nameof(DecideReferralActivity)).Should().Be(1, $"referral {journey.Id} is decided once in its history");
        scheduled.Count(a => a == nameof(CreateTaskActivity)).Should().Be(5, "conversation, agreement, two check-ins and closure");

        var state = await journey.StateAsync();
        state["status"]!.GetValue<string>().Should().Be("closed");
        var actions = JourneyDriver.Actions(state);
        actions.Count(a => a == "task-created").Should().Be(5, $"each task is created once: {state["timeline"]!.ToJsonString()}");
        actions.Count(a => a == "task-done").Should().Be(4);
        actions.Should().ContainSingle(a => a == "closed");
        (await journey.TasksAsync("done")).Select(t => t["type"]!.GetValue<string>())
            .Should().BeEquivalentTo(["initial-conversation", "agreement", "check-in", "closure"]);
        (await journey.TasksAsync("cancelled")).Should().ContainSingle().Which["type"]!.GetValue<string>().Should().Be("check-in");

        var mail = await journey.MailAsync(atLeast: 8);
        mail.Select(m => m.Key).Should().OnlyHaveUniqueItems("every email is keyed and sent once").And.HaveCount(8)
            .And.Contain(["acknowledgement-referrer", "acknowledgement-person", "team-notice", "closed-referrer", "closed-person", "closed-care-coordinator", "closed-gp"]);
    }
}
