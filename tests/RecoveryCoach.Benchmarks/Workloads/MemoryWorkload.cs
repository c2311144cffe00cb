using RecoveryCoach.Benchmarks.Hosting;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// (d) The peak working set of a worker process that carries many journeys to their first
/// task, where each then waits on its reminder timer (days away) and a signal: the resting
/// state of a caseload. Referrals go through a client-only web app, so the worker process
/// measured does nothing but run journeys.
/// </summary>
/// <remarks>
/// The peak is the kernel's VmHWM of the worker process, read 10 s after every journey is
/// waiting; it includes the burst of getting them all there, which is what a host must have room for.
/// </remarks>
public static class MemoryWorkload
{
    public const string Name = "(d) memory";

    /// <summary>POSTs in flight at once: a steady stream rather than one burst of thousands of connections.</summary>
    private const int InFlight = 32;

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext bench, int journeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        const string hub = "BenchMemory";
        await using var worker = await bench.StartAppAsync("memory-worker", hub, runWorker: true, cancellationToken).ConfigureAwait(false);
        await using var client = await bench.StartAppAsync("memory-client", hub, runWorker: false, cancellationToken).ConfigureAwait(false);
        using var api = new ServiceApi(client.BaseAddress);
        var tables = bench.Tables(hub);

        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var idle = worker.Memory();

        Progress.Say($"{Name}: POSTing {journeys} referrals, {InFlight} at a time");
        var started = DateTimeOffset.UtcNow;
        var submitted = await Submissions.SubmitAsync(api, journeys, InFlight, cancellationToken).ConfigureAwait(false);
        var posted = submitted.Max(s => s.AnsweredAt) - started;
        Progress.Say($"{Name}: all POSTed after {posted.TotalSeconds:0} s; waiting until every journey waits on its first task");
        var seenAt = await WaitAllWaitingAsync(tables, worker, journeys, cancellationToken).ConfigureAwait(false);

        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var after = worker.Memory();
        var clientMemory = client.Memory();
        var workload = $"{Name}, {journeys} journeys waiting on timers";
        return
        [
            new(workload, "worker peak working set (VmHWM)", Figures.Megabytes(after.Peak), "< 400 MB", after.Peak < 400L * 1024 * 1024),
            new(workload, "worker working set: idle before / after all waiting", $"{Figures.Megabytes(idle.Current)} / {Figures.Megabytes(after.Current)}"),
            new(workload, "client web app peak working set (VmHWM)", Figures.Megabytes(clientMemory.Peak)),
            new(workload, $"starting them: all {journeys} POSTs answered after", $"{Figures.Seconds(posted)} ({Figures.Number(journeys / posted.TotalSeconds)} referrals/s)"),
            new(workload, "first POST → all waiting on their first task (seen within 5 s)", Figures.Seconds(seenAt - started)),
        ];
    }

    /// <summary>
    /// Polls every 5 s until every journey waits on its first task, and says each minute how
    /// many do and what the worker's peak is so far, so a run stopped early still shows what it saw.
    /// </summary>
    private static async Task<DateTimeOffset> WaitAllWaitingAsync(HubTables tables, WebAppProcess worker, int journeys, CancellationToken cancellationToken)
    {
        var nextReport = DateTimeOffset.UtcNow.AddMinutes(1);
        while (true)
        {
            var rows = await tables.JourneysAsync(cancellationToken).ConfigureAwait(false);
            var waiting = rows.Count(r => r.Stage == IntakeWorkload.FirstTask);
            if (waiting >= journeys)
            {
                return DateTimeOffset.UtcNow;
            }

            if (rows.FirstOrDefault(r => r.RuntimeStatus is "Failed" or "Terminated") is { } failed)
            {
                throw new InvalidOperationException($"Journey {failed.InstanceId} is {failed.RuntimeStatus}; see the worker's log.");
            }

            if (DateTimeOffset.UtcNow >= nextReport)
            {
                var memory = worker.Memory();
                Progress.Say($"{Name}: {waiting} of {journeys} waiting ({rows.Count} started); worker VmHWM {Figures.Megabytes(memory.Peak)}, VmRSS {Figures.Megabytes(memory.Current)}");
                nextReport = nextReport.AddMinutes(1);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
    }
}
