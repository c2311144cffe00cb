using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// Takes one referral through its journey as staff would, over the HTTP API of a real host on
/// its own task hub, skipping days on the host's fake clock. Every wait is for something the
/// API shows (the journey's stage, a task, an email), so a test never races the journey.
/// </summary>
public sealed class JourneyDriver : IAsyncDisposable
{
    public const string Coach = StaffSignIn.CambridgeCoach;
    public const string OtherCoach = StaffSignIn.OtherCambridgeCoach;
    public const string Lead = StaffSignIn.CambridgeLead;
    public const string CambridgeLeadInbox = "cambridge-lead@recovery-coach.localhost";
    public const string CambridgeTeamInbox = "cambridge-team@recovery-coach.localhost";
    public const string TriageInbox = "team-leads@recovery-coach.localhost";
    public const string ReferrerAddress = "sam.coordinator@example.nhs.uk";
    public const string PersonAddress = "alex.example@example.com";
    public const string GpAddress = "reception@example-surgery.nhs.uk";

    private readonly HashSet<string> finishedTasks = [];
    private readonly Dictionary<string, HttpClient> staff = [];

    private readonly bool ownsFactory;

    private JourneyDriver(ReferralServiceFactory factory, bool ownsFactory, string id, string reference)
    {
        Factory = factory;
        this.ownsFactory = ownsFactory;
        Client = factory.CreateClient();
        Id = id;
        Reference = reference;
    }

    public ReferralServiceFactory Factory { get; }

    /// <summary>How long each wait for the journey lasts before the test fails; longer where worker processes share a loaded machine.</summary>
    public TimeSpan Patience { get; set; } = Eventually.DefaultTimeout;

    /// <summary>How often a wait reads the referral; less often where many journeys are waited on at once.</summary>
    public TimeSpan PollEvery { get; set; } = Eventually.DefaultInterval;

    /// <summary>A client nobody has signed in on: a referrer.</summary>
    public HttpClient Client { get; }

    public string Id { get; }

    public string Reference { get; }

    /// <summary>The host's time: the virtual clock, or the wall clock on the real engine.</summary>
    public DateTimeOffset Now => Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>
    /// Submits <paramref name="referral"/> (a Cambridge one with a GP address by default) to
    /// <paramref name="factory"/>, or to a new host that the driver then owns and disposes.
    /// </summary>
    /// <param name="idempotencyKey">An <c>Idempotency-Key</c> to send it with, if any.</param>
    public static async Task<JourneyDriver> StartAsync(JsonObject? referral = null, ReferralServiceFactory? factory = null, string? idempotencyKey = null)
    {
        var owns = factory is null;
        factory ??= new ReferralServiceFactory();
        var body = referral ?? SampleReferrals.Valid().With(r => r["person"]!["gpPracticeEmail"] = GpAddress);
        var accepted = await factory.CreateClient().SubmitAcceptedAsync(body, idempotencyKey);
        return new JourneyDriver(factory, owns, accepted["id"]!.GetValue<string>(), accepted["reference"]!.GetValue<string>());
    }

    /// <summary>Follows a referral already submitted to <paramref name="factory"/>, which the caller keeps and disposes.</summary>
    public static JourneyDriver Attach(ReferralServiceFactory factory, string id, string reference) => new(factory, ownsFactory: false, id, reference);

    /// <summary>The referral in full, as staff who may see it read it through the API.</summary>
    public async Task<JsonObject> StateAsync() => await (await AsAsync(StaffSignIn.Admin)).GetReferralAsync(Id);

    /// <summary>The referral as anyone else reads it through the API: the public view.</summary>
    public Task<JsonObject> PublicStateAsync() => Client.GetReferralAsync(Id);

    /// <summary>Waits until the journey waits in <paramref name="stage"/> on a task not yet finished here, and returns the referral.</summary>
    public Task<JsonObject> StageAsync(string stage, TimeSpan? timeout = null) =>
        UntilAsync(
            state => state["stage"]?["stage"]?.GetValue<string>() == stage
                && (state["stage"]!["taskId"]?.GetValue<string>() is not { } task || !finishedTasks.Contains(task)),
            $"the journey should reach the {stage} stage",
            timeout);

    /// <summary>The id of the task the journey waits on in <paramref name="stage"/>.</summary>
    public async Task<string> TaskOfStageAsync(string stage) =>
        (await StageAsync(stage))["stage"]!["taskId"]!.GetValue<string>();

    /// <summary>Waits for the stage's task, completes it with <paramref name="outcome"/>, and returns its id.</summary>
    public async Task<string> CompleteStageAsync(string stage, JsonObject outcome, string by = Coach)
    {
        var taskId = await TaskOfStageAsync(stage);
        await CompleteAsync(taskId, outcome, by);
        return taskId;
    }

    public async Task<JsonObject> CompleteAsync(string taskId, JsonObject outcome, string by = Coach)
    {
        var response = await TryCompleteAsync(taskId, outcome, by);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        finishedTasks.Add(taskId);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpResponseMessage> TryCompleteAsync(string taskId, JsonObject outcome, string by = Coach) =>
        await (await AsAsync(by)).PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = outcome });

    public async Task<HttpResponseMessage> TryClaimAsync(string taskId, string by = Coach) =>
        await (await AsAsync(by)).PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null);

    public async Task ClaimAsync(string taskId, string by = Coach)
    {
        var response = await TryClaimAsync(taskId, by);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts one of the journey requests (discharge, early-closure, extension) for this referral.</summary>
    public async Task<HttpResponseMessage> RequestAsync(string what, JsonObject body, string by = Coach) =>
        await (await AsAsync(by)).PostAsJsonAsync($"/api/referrals/{Id}/{what}", body);

    /// <summary>A client signed in as <paramref name="email"/>, one of the Development staff.</summary>
    public async Task<HttpClient> AsAsync(string email)
    {
        if (!staff.TryGetValue(email, out var client))
        {
            staff[email] = client = await Factory.SignedInAsync(email);
        }

        return client;
    }

    /// <summary>The initial conversation (coaching is right) and the agreement; returns when the agreement was recorded.</summary>
    public async Task<DateTimeOffset> AgreeAsync(int weeks = 6, int cadenceDays = 7)
    {
        var conversation = await TaskOfStageAsync("initial-conversation");
        await ClaimAsync(conversation);
        await CompleteAsync(conversation, Forms.CoachingIsRight(Now));
        await CompleteStageAsync("agreement", Forms.Agreement(weeks, cadenceDays));
        return Now;
    }

    /// <summary>Skips to just before the next check-in is due and records it.</summary>
    public async Task<string> CheckInAsync(bool sessionHeld = true, bool riskConcern = false, string? notes = null)
    {
        var state = await StageAsync("check-in");
        var due = state["stage"]!["dueAt"]!.GetValue<DateTimeOffset>();
        if (due - Now > TimeSpan.FromHours(1))
        {
            await Factory.AdvanceAsync(due - Now - TimeSpan.FromHours(1));
        }

        return await CompleteStageAsync("check-in", Forms.CheckIn(sessionHeld, riskConcern, notes));
    }

    /// <summary>Moves the host's clock on, once the journey has done everything due now.</summary>
    public Task AdvanceAsync(TimeSpan by) => Factory.AdvanceAsync(by);

    /// <summary>The referral's tasks in one state (open, overdue, done, cancelled), from the worklist API.</summary>
    public async Task<List<JsonObject>> TasksAsync(string status)
    {
        var all = await (await AsAsync(StaffSignIn.Admin)).GetFromJsonAsync<JsonArray>($"/api/tasks?status={status}");
        return [.. all!.OfType<JsonObject>().Where(t => t["referralId"]!.GetValue<string>() == Id)];
    }

    /// <summary>Waits for at least <paramref name="atLeast"/> emails carrying the reference, and returns them all.</summary>
    public Task<IReadOnlyList<MailDevMessage>> MailAsync(int atLeast) => MailDev.MessagesForAsync(Reference, atLeast);

    /// <summary>Waits until an email with this key (as in its Message-Id) has reached the mail server.</summary>
    public async Task<MailDevMessage> MailKeyedAsync(string keyPrefix) =>
        (await Eventually.UntilAsync(
            () => MailDev.MessagesForAsync(Reference, atLeast: 0),
            mail => mail.Any(m => m.Key.StartsWith(keyPrefix, StringComparison.Ordinal)),
            $"an email {keyPrefix} should reach the mail server")).First(m => m.Key.StartsWith(keyPrefix, StringComparison.Ordinal));

    /// <summary>The timeline's actions, oldest first.</summary>
    public static List<string> Actions(JsonObject state) =>
        [.. state["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>())];

    /// <summary>Waits until the referral's state meets <paramref name="condition"/>, and returns it.</summary>
    public Task<JsonObject> UntilAsync(Func<JsonObject, bool> condition, string because, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(StateAsync, condition, because, timeout ?? Patience, state => "the referral is now " + state.ToJsonString(), PollEvery);

    /// <summary>Waits for the journey to finish and returns its instance.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Factory.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(Id, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var client in staff.Values)
        {
            client.Dispose();
        }

        if (ownsFactory)
        {
            await Factory.DisposeAsync();
        }
    }
}
