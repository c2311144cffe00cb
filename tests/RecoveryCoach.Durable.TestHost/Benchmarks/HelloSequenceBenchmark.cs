using System.Diagnostics;
using System.Globalization;

namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>
/// DTFx's HelloCities5: many HelloSequence5 instances started at once on one worker (this
/// process). Requests are those of the runtime that starts and runs the instances; a separate
/// client-only runtime watches for completion, so its polling is not counted.
/// </summary>
internal static class HelloSequenceBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var hub = BenchmarkRow.NewHub("Hello");
        using var host = await SampleHost.StartAsync(SampleHost.Build(connectionString, hub), cancellationToken);
        using var observer = await SampleHost.StartAsync(SampleHost.Build(connectionString, hub, o => o.WorkerEnabled = false), cancellationToken);
        var client = SampleHost.ClientOf(host);
        var watcher = SampleHost.ClientOf(observer);

        var requestsBefore = client.StorageRequests;
        var firstStart = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var ids = Enumerable.Range(0, count).Select(i => "hello-" + i.ToString(CultureInfo.InvariantCulture));
        await InstanceQueries.StartAllAsync(client, "HelloSequence5", null, ids, cancellationToken);
        var startTime = clock.Elapsed;
        await InstanceQueries.WaitUntilNoneAsync(watcher, [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), cancellationToken);
        var requests = client.StorageRequests - requestsBefore;

        var done = await InstanceQueries.ListAsync(watcher, [OrchestrationRuntimeStatus.Completed], cancellationToken);
        if (done.Count != count)
        {
            throw new InvalidOperationException($"Only {done.Count} of {count} HelloSequence5 instances completed.");
        }

        var wall = done.Max(i => i.LastUpdatedAt) - firstStart;
        await host.StopAsync(cancellationToken);
        var name = $"HelloSequence5 ×{count}";
        return
        [
            new(name, "wall time, first start to last completion", BenchmarkRow.Format(wall.TotalSeconds, "0.00") + " s", "", $"(starting all took {BenchmarkRow.Format(startTime.TotalSeconds, "0.00")} s)"),
            new(name, "orchestrations/s", BenchmarkRow.Format(count / wall.TotalSeconds), "≥ 39", "12.3–13.0"),
            new(name, "storage requests per orchestration", BenchmarkRow.Format((double)requests / count, "0.00"), "≤ 18", "55.7–56.3"),
        ];
    }
}
