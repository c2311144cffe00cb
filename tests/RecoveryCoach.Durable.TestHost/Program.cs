using RecoveryCoach.Durable.TestHost;
using RecoveryCoach.Durable.TestHost.Benchmarks;
using RecoveryCoach.Durable.TestHost.Modes;

// A separate process hosting the durable runtime with the sample work: crash tests kill it,
// the benchmark measures it. The first argument is the mode.
var arguments = HostArguments.Parse(args);
return arguments.Mode switch
{
    "worker" => await WorkerMode.RunAsync(arguments),
    "raise" => await RaiseMode.RunAsync(arguments),
    "bench" => await BenchMode.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: RecoveryCoach.Durable.TestHost <mode> [options]   (connection: --connection or env AzureWebJobsStorage)
          worker --hub NAME [--visibility-seconds S] [--max-polling-seconds S]   run a worker until SIGTERM/SIGINT; prints 'ready'
          raise --hub NAME --prefix ID --count N                                 raise 'Approve' on ID0..ID(N-1); prints 'result [latencies ms]'
          bench [--only hello,approval,idle,memory] [--hello 500] [--approval 100] [--approval-idle-seconds 60]
                [--idle-warmup-seconds 120] [--idle-seconds 120] [--memory 10000]
        """);
    return 2;
}
