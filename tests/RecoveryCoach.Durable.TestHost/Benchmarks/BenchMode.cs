using System.Runtime.InteropServices;

namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>
/// Runs the workloads against the storage account given (bench.sh gives a fresh Azurite) and
/// prints a Markdown table. The idle worker runs alongside the others on a hub of its own.
/// </summary>
internal static class BenchMode
{
    public static async Task<int> RunAsync(HostArguments arguments)
    {
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var only = (arguments.Text("only") ?? "hello,approval,idle,memory").Split(',');
        var connection = arguments.ConnectionString;
        var rows = new List<BenchmarkRow>();

        var idle = only.Contains("idle")
            ? IdleBenchmark.RunAsync(connection, arguments.Seconds("idle-warmup-seconds") ?? TimeSpan.FromSeconds(120), arguments.Seconds("idle-seconds") ?? TimeSpan.FromSeconds(120), stop.Token)
            : null;
        try
        {
            if (only.Contains("hello"))
            {
                Console.Error.WriteLine("hello: warm-up run of 20 on a hub of its own");
                await HelloSequenceBenchmark.RunAsync(connection, 20, stop.Token);
                Console.Error.WriteLine("hello: measured run");
                rows.AddRange(await HelloSequenceBenchmark.RunAsync(connection, arguments.Int("hello", 500), stop.Token));
            }

            if (only.Contains("approval"))
            {
                rows.AddRange(await ApprovalBenchmark.RunAsync(connection, arguments.Int("approval", 100), arguments.Seconds("approval-idle-seconds") ?? TimeSpan.FromSeconds(60), stop.Token));
            }

            if (only.Contains("memory"))
            {
                Console.Error.WriteLine("memory: starting instances");
                rows.AddRange(await MemoryBenchmark.RunAsync(connection, arguments.Int("memory", 10_000), stop.Token));
            }

            if (idle is not null)
            {
                Console.Error.WriteLine("idle: waiting for the idle worker's window to end");
                rows.AddRange(await idle);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: stopped by a signal");
            return 130;
        }
        finally
        {
            await stop.CancelAsync();
            if (idle is not null)
            {
                await Task.WhenAny(idle);
            }
        }

        BenchmarkRow.Print(rows);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
