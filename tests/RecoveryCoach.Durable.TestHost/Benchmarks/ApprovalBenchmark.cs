using System.Globalization;
using System.Text.Json;

namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>
/// Approval instances waiting on WhenAny(event, 1-hour timer). After the worker has idled, the
/// events are raised by a second host process on one hub and by this process on another, and
/// each instance's time from raise to completion is measured.
/// </summary>
internal static class ApprovalBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string connectionString, int count, TimeSpan idle, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(i => "approval-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var otherHub = BenchmarkRow.NewHub("ApprovalOther");
        var sameHub = BenchmarkRow.NewHub("ApprovalSame");
        using var other = await SampleHost.StartAsync(SampleHost.Build(connectionString, otherHub), cancellationToken);
        using var same = await SampleHost.StartAsync(SampleHost.Build(connectionString, sameHub), cancellationToken);
        foreach (var client in new[] { SampleHost.ClientOf(other), SampleHost.ClientOf(same) })
        {
            await InstanceQueries.StartAllAsync(client, "Approval", null, ids, cancellationToken);
            await InstanceQueries.WaitUntilNoneAsync(client, [OrchestrationRuntimeStatus.Pending], TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5), cancellationToken);
        }

        Console.Error.WriteLine($"approval: {count} instances waiting on each hub; idling {idle.TotalSeconds} s");
        await Task.Delay(idle, cancellationToken);

        ApprovalLatencies fromOtherHost;
        using (var raiser = ChildHost.Start(connectionString, "raise", "--hub", otherHub, "--prefix", "approval-", "--count", count.ToString(CultureInfo.InvariantCulture)))
        {
            var result = await raiser.WaitForLineAsync(l => l.StartsWith("result ", StringComparison.Ordinal), TimeSpan.FromMinutes(5), cancellationToken);
            fromOtherHost = JsonSerializer.Deserialize<ApprovalLatencies>(result["result ".Length..])
                ?? throw new InvalidOperationException("The raiser printed no result.");
        }

        var fromSameProcess = await ApprovalRaiser.RaiseAndMeasureAsync(SampleHost.ClientOf(same), ids, cancellationToken);
        await Task.WhenAll(other.StopAsync(cancellationToken), same.StopAsync(cancellationToken));

        var name = $"Approval ×{count}, after {BenchmarkRow.Format(idle.TotalSeconds, "0")} s idle";
        return [.. Rows(name, "second host", fromOtherHost, "23.3 s"), .. Rows(name, "same process", fromSameProcess, "0.48 s")];
    }

    private static IEnumerable<BenchmarkRow> Rows(string name, string raiser, ApprovalLatencies latencies, string reference)
    {
        yield return new(name, $"{raiser} raises: raise call → completion, p50", Seconds(latencies.FromRaiseCall, 50), "", "");
        yield return new(name, $"{raiser} raises: raise call → completion, p99", Seconds(latencies.FromRaiseCall, 99), "< 1 s", reference);
        yield return new(name, $"{raiser} raises: raise call returned → completion, p99", Seconds(latencies.FromRaiseReturn, 99), "", "");
        yield return new(name, $"{raiser} raises: raising all {latencies.FromRaiseCall.Count} at once took", BenchmarkRow.Format(latencies.RaisingAllMilliseconds / 1000, "0.000") + " s", "", "");
    }

    private static string Seconds(List<double> latencies, double percent) =>
        BenchmarkRow.Format(BenchmarkRow.Percentile(latencies, percent) / 1000, "0.000") + " s";
}
