using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Engine.Chaos;

/// <summary>
/// One referral carried from submission to closure as its referrer and coach would, through
/// whatever the chaos run breaks: an answer of 5xx, or no answer, is tried again a second later,
/// as a person would, and a step already taken by a try whose answer was lost is not taken twice.
/// It notes when it was accepted, decided and closed, on the run's stopwatch.
/// </summary>
public sealed class ChaosJourney(HttpClient anonymous, HttpClient coach, Stopwatch clock, TimeSpan patience)
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> finishedTasks = [];
    private readonly string idempotencyKey = Guid.NewGuid().ToString("N");
    private readonly List<TimeSpan> steps = [];

    public string? Id { get; private set; }

    public string? Reference { get; private set; }

    public TimeSpan? AcceptedAt { get; private set; }

    public TimeSpan? DecidedAt { get; private set; }

    public TimeSpan? ClosedAt { get; private set; }

    /// <summary>When it was seen to move on: accepted, decided, each stage reached, closed.</summary>
    public IReadOnlyList<TimeSpan> Steps => steps;

    /// <summary>Where it was when it ran out of time or failed; null once closed.</summary>
    public string? StuckAt { get; private set; }

    public async Task RunAsync()
    {
        using var deadline = new CancellationTokenSource(patience);
        var stage = "submission";
        try
        {
            await SubmitAsync(deadline.Token);
            stage = "initial-conversation";
            await CompleteStageAsync(stage, () => Forms.CoachingIsRight(DateTimeOffset.UtcNow.AddMinutes(-1)), deadline.Token);
            stage = "agreement";
            await CompleteStageAsync(stage, () => Forms.Agreement(), deadline.Token);
            stage = "check-in";
            await StageAsync(stage, deadline.Token);
            await SendAsync(() => coach.PostAsJsonAsync($"/api/referrals/{Id}/early-closure", new JsonObject(), deadline.Token), HttpStatusCode.Accepted, deadline.Token);
            stage = "closure";
            await CompleteStageAsync(stage, () => Forms.Closure("ended-early"), deadline.Token);
            stage = "closed";
            await UntilAsync(state => state["status"]?.GetValue<string>() == "closed", deadline.Token);
            ClosedAt = clock.Elapsed;
            steps.Add(clock.Elapsed);
        }
        catch (Exception failure) when (failure is OperationCanceledException or ChaosStepException)
        {
            StuckAt = failure is ChaosStepException step ? $"{stage}: {step.Message}" : stage;
        }
    }

    /// <summary>Reads the referral as its coach; null when the service could not answer.</summary>
    public async Task<JsonObject?> TryStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await coach.GetAsync(new Uri($"/api/referrals/{Id}", UriKind.Relative), cancellationToken);
            return answer.StatusCode == HttpStatusCode.OK ? await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) : null;
        }
        catch (Exception unanswered) when (unanswered is not OperationCanceledException)
        {
            return null;
        }
    }

    private async Task SubmitAsync(CancellationToken cancellationToken)
    {
        var body = SampleReferrals.Valid();
        var accepted = await SendAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/referrals", UriKind.Relative)) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                return await anonymous.SendAsync(request, cancellationToken);
            },
            HttpStatusCode.Accepted,
            cancellationToken);
        AcceptedAt = clock.Elapsed;
        steps.Add(clock.Elapsed);
        Id = accepted!["id"]!.GetValue<string>();
        Reference = accepted["reference"]!.GetValue<string>();
    }

    private async Task CompleteStageAsync(string stage, Func<JsonObject> outcome, CancellationToken cancellationToken)
    {
        var taskId = (await StageAsync(stage, cancellationToken))["stage"]!["taskId"]!.GetValue<string>();
        await SendAsync(() => coach.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["outcome"] = outcome() }, cancellationToken), HttpStatusCode.OK, cancellationToken);
        finishedTasks.Add(taskId);
    }

    private Task<JsonObject> StageAsync(string stage, CancellationToken cancellationToken) =>
        UntilAsync(
            state => state["stage"]?["stage"]?.GetValue<string>() == stage
                && (state["stage"]!["taskId"]?.GetValue<string>() is not { } task || !finishedTasks.Contains(task)),
            cancellationToken);

    private async Task<JsonObject> UntilAsync(Func<JsonObject, bool> reached, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryStateAsync(cancellationToken) is { } state)
            {
                if (DecidedAt is null && state["status"]?.GetValue<string>() is { } status && status != "received")
                {
                    DecidedAt = clock.Elapsed;
                    steps.Add(clock.Elapsed);
                }

                if (reached(state))
                {
                    steps.Add(clock.Elapsed);
                    return state;
                }
            }

            await Task.Delay(Pause * 2, cancellationToken);
        }
    }

    /// <summary>
    /// Sends until the answer is <paramref name="expected"/>. A 409 after a try that got no
    /// answer means that try was taken; any other 4xx is a failure of the service.
    /// </summary>
    private static async Task<JsonObject?> SendAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var tried = false;
        while (true)
        {
            try
            {
                using var answer = await send();
                if (answer.StatusCode == expected)
                {
                    return answer.Content.Headers.ContentLength is 0 ? null : await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                }

                if (answer.StatusCode == HttpStatusCode.Conflict && tried)
                {
                    return null;
                }

                if ((int)answer.StatusCode < 500)
                {
                    throw new ChaosStepException($"answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
            catch (Exception unanswered) when (unanswered is not OperationCanceledException and not ChaosStepException)
            {
                // No answer (the in-process server throws what a remote one would answer 500 for): it may or may not have been taken.
            }

            tried = true;
            await Task.Delay(Pause, cancellationToken);
        }
    }
}

/// <summary>A step the service refused for a reason other than being down.</summary>
public sealed class ChaosStepException(string message) : Exception(message);
