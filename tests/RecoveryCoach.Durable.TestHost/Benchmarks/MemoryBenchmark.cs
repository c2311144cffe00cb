using System.Diagnostics;
using System.Globalization;

namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>
/// Peak working set of a worker process (the <c>worker</c> mode) that takes many LongTimer
/// instances to their 30-day timers; this process starts them through a client-only runtime.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var hub = BenchmarkRow.NewHub("Memory");
        using var worker = ChildHost.Start(connectionString, "worker", "--hub", hub);
        await worker.WaitForLineAsync(l => l == "ready", TimeSpan.FromSeconds(60), cancellationToken);
        var idleWorkingSet = worker.WorkingSet;
        using var starter = await SampleHost.StartAsync(SampleHost.Build(connectionString, hub, o => o.WorkerEnabled = false), cancellationToken);
        var client = SampleHost.ClientOf(starter);

        var clock = Stopwatch.StartNew();
        var ids = Enumerable.Range(0, count).Select(i => "timer-" + i.ToString(CultureInfo.InvariantCulture));
        await InstanceQueries.StartAllAsync(client, "LongTimer", 30, ids, cancellationToken);
        await InstanceQueries.WaitUntilNoneAsync(client, [OrchestrationRuntimeStatus.Pending], TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(20), cancellationToken);
        var allWaiting = clock.Elapsed;
        var waiting = (await InstanceQueries.ListAsync(client, [OrchestrationRuntimeStatus.Running], cancellationToken)).Count;
        if (waiting != count)
        {
            throw new InvalidOperationException($"Only {waiting} of {count} LongTimer instances are waiting on their timers.");
        }

        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        var name = $"Memory: {count} instances on 30-day timers";
        return
        [
            new(name, "worker peak working set", $"{worker.PeakWorkingSet / (1024 * 1024)} MB", "", ""),
            new(name, "worker working set: idle before / 10 s after all waiting", $"{idleWorkingSet / (1024 * 1024)} MB / {worker.WorkingSet / (1024 * 1024)} MB", "", $"(all {count} waiting after {BenchmarkRow.Format(allWaiting.TotalSeconds, "0")} s)"),
        ];
    }
}
