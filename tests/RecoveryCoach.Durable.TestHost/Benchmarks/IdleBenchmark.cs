namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>
/// Storage requests of one worker with nothing to do, on a hub of its own with the runtime's
/// default settings, counted after a warm-up in which its polling backs off.
/// </summary>
internal static class IdleBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string connectionString, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        using var host = await SampleHost.StartAsync(SampleHost.Build(connectionString, BenchmarkRow.NewHub("Idle")), cancellationToken);
        var client = SampleHost.ClientOf(host);
        var started = client.StorageRequests;
        await Task.Delay(warmUp, cancellationToken);
        var warm = client.StorageRequests;
        await Task.Delay(window, cancellationToken);
        var end = client.StorageRequests;
        await host.StopAsync(cancellationToken);
        return
        [
            new("Idle worker", $"requests/min during the first {BenchmarkRow.Format(warmUp.TotalSeconds, "0")} s (back-off ramping up)", BenchmarkRow.Format((warm - started) / warmUp.TotalMinutes), "", ""),
            new("Idle worker", $"requests/min over the next {BenchmarkRow.Format(window.TotalSeconds, "0")} s", BenchmarkRow.Format((end - warm) / window.TotalMinutes), "< 10", "42"),
        ];
    }
}
