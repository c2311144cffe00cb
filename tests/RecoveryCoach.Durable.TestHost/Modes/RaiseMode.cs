using System.Globalization;
using System.Text.Json;
using RecoveryCoach.Durable.TestHost.Benchmarks;

namespace RecoveryCoach.Durable.TestHost.Modes;

/// <summary>
/// A second host (with its own worker, as every host has) that raises "Approve" on waiting
/// Approval instances and prints, as JSON, how long each took from raise to completion.
/// </summary>
internal static class RaiseMode
{
    public static async Task<int> RunAsync(HostArguments arguments)
    {
        var prefix = arguments.Text("prefix") ?? throw new ArgumentException("--prefix is required.");
        var ids = Enumerable.Range(0, arguments.Int("count", 100)).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToList();
        using var host = await SampleHost.StartAsync(SampleHost.Build(arguments.ConnectionString, arguments.Hub));
        var latencies = await ApprovalRaiser.RaiseAndMeasureAsync(SampleHost.ClientOf(host), ids, CancellationToken.None);
        Console.WriteLine("result " + JsonSerializer.Serialize(latencies));
        await host.StopAsync();
        return 0;
    }
}
