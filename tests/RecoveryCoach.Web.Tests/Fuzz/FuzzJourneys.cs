using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Testing.VirtualClock;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Web.Tests.Journey;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// Referrals brought to the task or request a group fuzzes, on one host's virtual clock, and what
/// the service holds about each; afterwards, the emails each one sent checked against those it recorded.
/// </summary>
public sealed class FuzzJourneys(BrowserServiceFactory factory) : IAsyncDisposable
{
    private readonly List<JourneyDriver> journeys = [];

    /// <summary>
    /// A new referral waiting on a task of <paramref name="type"/> (triage, initial-conversation,
    /// agreement, check-in, extension-approval or closure), and the task's id.
    /// </summary>
    public async Task<(JourneyDriver Journey, string TaskId)> AtTaskAsync(string type)
    {
        var journey = await StartAsync(type == "triage" ? SampleReferrals.Valid(postcode: "SW1A 1AA") : null);
        switch (type)
        {
            case "triage" or "initial-conversation":
                return (journey, await journey.TaskOfStageAsync(type));
            case "agreement":
                var conversation = await journey.TaskOfStageAsync("initial-conversation");
                await journey.ClaimAsync(conversation);
                await journey.CompleteAsync(conversation, Forms.CoachingIsRight(journey.Now));
                return (journey, await journey.TaskOfStageAsync("agreement"));
            case "check-in":
                await journey.AgreeAsync();
                return (journey, await journey.TaskOfStageAsync("check-in"));
            case "extension-approval":
                await journey.AgreeAsync();
                await journey.StageAsync("check-in");
                await ShouldAcceptAsync(journey, "extension", new JsonObject { ["weeks"] = 2 });
                return (journey, await CoachingJourneyTests.OpenTaskAsync(journey, "extension-approval"));
            case "closure":
                await journey.AgreeAsync();
                await journey.StageAsync("check-in");
                await ShouldAcceptAsync(journey, "early-closure", []);
                return (journey, await journey.TaskOfStageAsync("closure"));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "No such task type.");
        }
    }

    /// <summary>A new referral in coaching, where a discharge or an extension may be asked for.</summary>
    public async Task<JourneyDriver> CoachingAsync()
    {
        var journey = await StartAsync();
        await journey.AgreeAsync();
        await journey.StageAsync("check-in");
        return journey;
    }

    /// <summary>A new referral waiting for its initial conversation.</summary>
    public async Task<JourneyDriver> NewAsync()
    {
        var journey = await StartAsync();
        await journey.StageAsync("initial-conversation");
        return journey;
    }

    /// <summary>The referral's stage, the task's state, its timeline and the emails it recorded, once the journeys are idle.</summary>
    public async Task<string> SnapshotAsync(JourneyDriver journey, string? taskId = null)
    {
        ArgumentNullException.ThrowIfNull(journey);
        await factory.Services.GetRequiredService<VirtualClockEngine>().WhenIdleAsync();
        var state = await journey.StateAsync();
        var task = taskId is null
            ? null
            : await (await journey.AsAsync(StaffSignIn.Admin)).GetFromJsonObjectAsync($"/api/tasks/{taskId}");
        return string.Join(
            "; ",
            $"stage {state["stage"]?["stage"]}",
            $"task {task?["status"]} by {task?["completedBy"]}",
            $"timeline {string.Join(',', JourneyDriver.Actions(state))}",
            $"emails {string.Join(',', state["notifications"]!.AsArray().Select(n => $"{n!["key"]}:{n["status"]}"))}");
    }

    /// <summary>Each referral's emails at the mail server that it did not record, or that arrived twice.</summary>
    public async Task<List<string>> UnrecordedMailAsync()
    {
        await factory.Services.GetRequiredService<VirtualClockEngine>().WhenIdleAsync();
        var inbox = await MailDev.AllAsync();
        var problems = new List<string>();
        foreach (var journey in journeys)
        {
            var recorded = Keys(await journey.StateAsync()).ToHashSet();
            var received = inbox.Where(m => m.Header("x-referral-reference") == journey.Reference).Select(m => m.Key).ToList();
            problems.AddRange(received.Where(key => !recorded.Contains(key)).Select(key => $"{journey.Reference}: an email '{key}' the referral did not record"));
            problems.AddRange(received.GroupBy(key => key).Where(g => g.Count() > 1).Select(g => $"{journey.Reference}: the email '{g.Key}' arrived {g.Count()} times"));
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var journey in journeys)
        {
            await journey.DisposeAsync();
        }
    }

    private async Task<JourneyDriver> StartAsync(JsonObject? referral = null)
    {
        var journey = await JourneyDriver.StartAsync(referral, factory);
        journeys.Add(journey);
        return journey;
    }

    private static IEnumerable<string> Keys(JsonObject state) =>
        state["notifications"]!.AsArray().Where(n => n!["status"]!.GetValue<string>() == "sent").Select(n => n!["key"]!.GetValue<string>());

    private static async Task ShouldAcceptAsync(JourneyDriver journey, string request, JsonObject body)
    {
        var response = await journey.RequestAsync(request, body);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }
}
