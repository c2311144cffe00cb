using RecoveryCoach.Benchmarks.Reporting;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// (c) What one worker with nothing to do costs in storage requests: the web app with its worker
/// in process, on an empty hub of an Azurite of its own, counted from that Azurite's
/// <c>--debug</c> log (every request it received), after a warm-up long enough for the queue
/// polling to back off to <c>maxQueuePollingInterval</c>.
/// </summary>
/// <remarks>
/// Nothing else talks to that Azurite, so every request counted is the web app's: DTFx's queue
/// polls and leases, and the app's own sweep for referrals whose journey never started (every
/// five minutes). It may run beside the other workloads: its requests are timed by the
/// worker's intervals, not by how busy the CPUs are.
/// </remarks>
public static class IdleWorkload
{
    public const string Name = "(c) idle worker";

    /// <param name="storage">The connection string of the Azurite that logs with <c>--debug</c>.</param>
    /// <param name="debugLog">That log.</param>
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(
        BenchContext bench, string storage, string debugLog, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        const string hub = "BenchIdle";
        var environment = new Dictionary<string, string> { ["AzureWebJobsStorage"] = storage };
        await using var app = await bench.StartAppAsync("idle", hub, runWorker: true, cancellationToken, environment).ConfigureAwait(false);
        Progress.Say($"{Name}: warming up for {warmUp.TotalSeconds:0} s, then counting for {window.TotalSeconds:0} s");
        await Task.Delay(warmUp, cancellationToken).ConfigureAwait(false);
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(window, cancellationToken).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;

        // Azurite may write a line a moment after the request arrived.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var requests = AzuriteRequestLog.Read(debugLog, from, to);
        var minutes = (to - from).TotalMinutes;
        var perMinute = requests.Count / minutes;
        var workload = $"{Name}, {window.TotalSeconds:0} s after {warmUp.TotalSeconds:0} s warm-up";
        var rows = new List<ResultRow>
        {
            new(workload, "storage requests/min, all", Figures.Number(perMinute), "< 15", perMinute < 15),
        };
        rows.AddRange(requests
            .GroupBy(r => AzuriteRequestLog.Purpose(r, hub))
            .OrderByDescending(g => g.Count())
            .Select(g => new ResultRow(workload, $"  of which {g.Key}", $"{Figures.Number(g.Count() / minutes)}/min ({g.Count()} in {window.TotalSeconds:0} s)")));
        return rows;
    }
}
