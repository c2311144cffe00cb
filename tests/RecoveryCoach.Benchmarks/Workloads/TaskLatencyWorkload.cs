using RecoveryCoach.Benchmarks.Hosting;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// (b) A coach completes the initial conversation of journeys that have waited on it, all at
/// once after an idle spell, and the benchmark times how long until each journey's next task
/// (the agreement) is stored: what the coach waits for before it shows in their worklist. The
/// first completion goes alone, then the rest at once.
/// </summary>
/// <remarks>
/// Two shapes: the worker in the web app's own process, whose raised event wakes its own
/// poller; and the production shape, a client-only web app beside a separate worker process
/// that learns of the event only when it next polls its control queue, which after the idle
/// spell has backed off to <c>maxQueuePollingInterval</c>. A task is stored at its Tasks row's
/// <c>Timestamp</c>, which Azurite sets on the same clock as the benchmark's.
/// </remarks>
public static class TaskLatencyWorkload
{
    public const string Name = "(b) next task";

    private const string AgreementType = "Agreement";

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext bench, int journeys, TimeSpan idle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var rows = new List<ResultRow>();
        {
            const string hub = "BenchTasksInProcess";
            await using var app = await bench.StartAppAsync("tasks-in-process", hub, runWorker: true, cancellationToken).ConfigureAwait(false);
            rows.AddRange(await MeasureAsync(bench, $"{Name} ×{journeys}, worker in process, after {idle.TotalSeconds:0} s idle", app, hub, journeys, idle, "< 1 s", 1, cancellationToken).ConfigureAwait(false));
        }

        {
            const string hub = "BenchTasksSeparate";
            await using var worker = await bench.StartAppAsync("tasks-worker", hub, runWorker: true, cancellationToken).ConfigureAwait(false);
            await using var client = await bench.StartAppAsync("tasks-client", hub, runWorker: false, cancellationToken).ConfigureAwait(false);
            rows.AddRange(await MeasureAsync(bench, $"{Name} ×{journeys}, separate worker, after {idle.TotalSeconds:0} s idle", client, hub, journeys, idle, "< 3 s", 3, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<ResultRow>> MeasureAsync(
        BenchContext bench, string workload, WebAppProcess app, string hub, int journeys, TimeSpan idle, string aim, double aimSeconds, CancellationToken cancellationToken)
    {
        using var api = new ServiceApi(app.BaseAddress);
        var tables = bench.Tables(hub);
        Progress.Say($"{workload}: starting {journeys} journeys");
        await Submissions.SubmitAsync(api, journeys, 25, cancellationToken).ConfigureAwait(false);
        var (waiting, _) = await tables.WaitForStageAsync(IntakeWorkload.FirstTask, journeys, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        await api.SignInAsync(ServiceApi.CambridgeCoach, cancellationToken).ConfigureAwait(false);

        Progress.Say($"{workload}: all waiting on their initial conversation; idle for {idle.TotalSeconds:0} s");
        await Task.Delay(idle, cancellationToken).ConfigureAwait(false);

        // One coach first, alone: what a single completion after the idle spell waits for, polling
        // included and no queue. Then the rest at once: what a burst of work queues behind.
        Progress.Say($"{workload}: completing one initial conversation alone");
        var alone = (await CompleteAsync(api, tables, waiting.Take(1).ToList(), cancellationToken).ConfigureAwait(false))[0];
        Progress.Say($"{workload}: completing the other {journeys - 1} at once");
        var burst = await CompleteAsync(api, tables, waiting.Skip(1).ToList(), cancellationToken).ConfigureAwait(false);
        var fromCall = burst.Select(c => (c.StoredAt - c.StartedAt).TotalSeconds).ToList();
        var fromAnswer = burst.Select(c => (c.StoredAt - c.AnsweredAt).TotalSeconds).ToList();
        var p99 = Figures.Percentile(fromCall, 99);
        var aloneSeconds = (alone.StoredAt - alone.StartedAt).TotalSeconds;
        return
        [
            new(workload, "the first completion, alone: complete call → next task stored", Figures.Seconds(aloneSeconds), aim, aloneSeconds < aimSeconds),
            new(workload, $"then {journeys - 1} at once: complete call → next task stored, p50 / p99", $"{Figures.Seconds(Figures.Percentile(fromCall, 50))} / {Figures.Seconds(p99)}", $"p99 {aim}", p99 < aimSeconds),
            new(workload, $"then {journeys - 1} at once: complete call → next task stored, max", Figures.Seconds(fromCall.Max())),
            new(workload, $"then {journeys - 1} at once: complete answered → next task stored, p50 / p99", $"{Figures.Seconds(Figures.Percentile(fromAnswer, 50))} / {Figures.Seconds(Figures.Percentile(fromAnswer, 99))}"),
            new(workload, $"then {journeys - 1} at once: all complete calls answered after", Figures.Seconds(burst.Max(c => c.AnsweredAt) - burst.Min(c => c.StartedAt))),
        ];
    }

    /// <summary>Completes the initial conversations of <paramref name="journeys"/> at once, and waits until each one's agreement task is stored.</summary>
    private static async Task<IReadOnlyList<Completion>> CompleteAsync(ServiceApi api, HubTables tables, List<JourneyRow> journeys, CancellationToken cancellationToken)
    {
        var before = (await tables.TasksAsync(AgreementType, cancellationToken).ConfigureAwait(false)).Count;
        var calls = await Task.WhenAll(journeys.Select(async journey =>
        {
            var startedAt = DateTimeOffset.UtcNow;
            await api.CompleteInitialConversationAsync(journey.TaskId!, cancellationToken).ConfigureAwait(false);
            return (journey.InstanceId, StartedAt: startedAt, AnsweredAt: DateTimeOffset.UtcNow);
        })).ConfigureAwait(false);

        var stored = await tables.WaitForTasksAsync(AgreementType, before + journeys.Count, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        var storedAt = stored.ToDictionary(t => t.ReferralId, t => t.StoredAt);
        return [.. calls.Select(c => new Completion(c.StartedAt, c.AnsweredAt, storedAt[c.InstanceId]))];
    }

    private sealed record Completion(DateTimeOffset StartedAt, DateTimeOffset AnsweredAt, DateTimeOffset StoredAt);
}
