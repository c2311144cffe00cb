using System.Net;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// While a journey waits on a task it loops: a reminder timer fires, a follow-up activity runs,
/// a new timer is set, and all the while it waits for signals. Cancelled waits in that loop once
/// swallowed later events in the Durable Task SDK. Here, on the real engine, journeys loop on
/// second-long reminders while staff send signals at random moments, and every one is handled.
/// </summary>
public sealed class SignalDuringTimerLoopTests
{
    private const int Journeys = 6;
    private const int ClaimsEach = 5;

    [Fact]
    public async Task Signals_sent_at_any_moment_of_the_reminder_loop_are_each_handled()
    {
        using var rules = ShortJourneyRules.With(new Dictionary<string, double> { ["FirstContactDays"] = 1, ["ReminderIntervalDays"] = 1 });
        await using var factory = new ReferralServiceFactory { RealEngine = true, RulesPath = rules.Path };
        var journeys = new List<JourneyDriver>();
        for (var i = 0; i < Journeys; i++)
        {
            journeys.Add(await JourneyDriver.StartAsync(factory: factory));
        }

        try
        {
            var tasks = await Task.WhenAll(journeys.Select(async j => (Journey: j, Task: await j.TaskOfStageAsync("initial-conversation"))));
            await Task.WhenAll(tasks.Select(t => t.Journey.MailKeyedAsync($"reminder-{t.Task}-0")));

            var lastClaimers = await Task.WhenAll(tasks.Select(t => SignalAtRandomMomentsAsync(t.Journey, t.Task)));
            var settled = await Task.WhenAll(journeys.Select((j, i) => j.UntilAsync(
                s => s["dischargedOn"] is not null && s["stage"]?["assignee"]?.GetValue<string>() == lastClaimers[i],
                "the discharge and the last claim should both show")));

            var client = factory.Services.GetRequiredService<DurableTaskClient>();
            var histories = await Task.WhenAll(journeys.Select(j => client.GetOrchestrationHistoryAsync(j.Id)));
            histories.Should().OnlyContain(h => h.OfType<EventRaisedEvent>().Count() == ClaimsEach + 1, "every signal reached the journey's history");
            histories.Should().OnlyContain(h => h.OfType<TaskScheduledEvent>().Count(t => t.Name == nameof(FollowUpTaskActivity)) >= 2, "each journey was looping on its reminders");
            histories.Sum(SignalsDuringFollowUps).Should().BePositive("some signals arrived while a follow-up activity ran, the moment a cancelled wait would have swallowed them");
            settled.Should().OnlyContain(s => s["status"]!.GetValue<string>() == "allocated");
        }
        finally
        {
            foreach (var journey in journeys)
            {
                await journey.DisposeAsync();
            }
        }
    }

    /// <returns>Who claimed last.</returns>
    private static async Task<string> SignalAtRandomMomentsAsync(JourneyDriver journey, string task)
    {
        var coach = JourneyDriver.Coach;
        for (var claim = 0; claim < ClaimsEach; claim++)
        {
            await Task.Delay(Random.Shared.Next(0, 1500));
            coach = claim % 2 == 0 ? JourneyDriver.Coach : JourneyDriver.OtherCoach;
            await journey.ClaimAsync(task, coach);
        }

        await Task.Delay(Random.Shared.Next(0, 1500));
        (await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = journey.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, coach)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        return coach;
    }

    /// <summary>Signals raised after a follow-up was scheduled and before its result came back.</summary>
    private static int SignalsDuringFollowUps(IList<HistoryEvent> history)
    {
        var running = history.OfType<TaskScheduledEvent>().Where(t => t.Name == nameof(FollowUpTaskActivity))
            .Select(t => (From: t.Timestamp, To: history.OfType<TaskCompletedEvent>().FirstOrDefault(c => c.TaskScheduledId == t.EventId)?.Timestamp ?? DateTime.MaxValue))
            .ToList();
        return history.OfType<EventRaisedEvent>().Count(e => running.Any(r => e.Timestamp > r.From && e.Timestamp < r.To));
    }
}
