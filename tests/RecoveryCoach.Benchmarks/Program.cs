using System.CommandLine;
using RecoveryCoach.Benchmarks;
using RecoveryCoach.Benchmarks.Hosting;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Workloads;

// Run through bench.sh, which builds, starts Azurite and maildev, and prints the machine and the
// table. Standard output carries only table rows, so bench.sh can gather them from several runs.
var app = new Option<string>("--app") { Description = "The web app's Release output folder.", Required = true };
var logs = new Option<string>("--logs") { Description = "Where the web apps' console output is kept.", Required = true };
var only = new Option<string>("--only") { Description = "Workloads to run, of a,b,c,d,e,f, in that order; (d) last by default, since its journeys slow Azurite.", DefaultValueFactory = _ => "a,b,c,e,f,d" };
var referrals = new Option<int>("--referrals") { Description = "(a) referrals POSTed at once.", DefaultValueFactory = _ => 500 };
var warmUp = new Option<int>("--warmup") { Description = "(a) referrals taken through first, untimed.", DefaultValueFactory = _ => 10 };
var tasks = new Option<int>("--tasks") { Description = "(b) journeys whose initial conversation is completed.", DefaultValueFactory = _ => 100 };
var taskIdle = new Option<int>("--task-idle-seconds") { Description = "(b) idle time before the completions.", DefaultValueFactory = _ => 60 };
var idleStorage = new Option<string>("--idle-storage") { Description = "(c) the connection string of an Azurite started with --debug." };
var idleLog = new Option<string>("--idle-log") { Description = "(c) that Azurite's --debug log." };
var idleWarmUp = new Option<int>("--idle-warmup-seconds") { Description = "(c) time for polling to back off before counting.", DefaultValueFactory = _ => 120 };
var idleWindow = new Option<int>("--idle-seconds") { Description = "(c) how long requests are counted.", DefaultValueFactory = _ => 300 };
var requestLog = new Option<string>("--request-log") { Description = "(a) the main Azurite's --debug log, to count storage requests per referral." };
var journeys = new Option<int>("--journeys") { Description = "(d) journeys taken to their first task.", DefaultValueFactory = _ => 10_000 };
var stored = new Option<int>("--stored") { Description = "(e) referrals stored, each at its first task, before the load.", DefaultValueFactory = _ => 2000 };
var sessions = new Option<int>("--sessions") { Description = "(e) staff sessions going round their worklists.", DefaultValueFactory = _ => 20 };
var rate = new Option<double>("--rate") { Description = "(e) referrals POSTed a second during the load.", DefaultValueFactory = _ => 5 };
var loadSeconds = new Option<int>("--load-seconds") { Description = "(e) how long the load lasts.", DefaultValueFactory = _ => 60 };
var seeded = new Option<int>("--seeded") { Description = "(f) realistic referrals seeded before the staff pages are timed.", DefaultValueFactory = _ => 10_000 };

var settings = new Command("settings", "Prints the task hub settings the web apps will run with.") { app };
settings.SetAction(result =>
{
    foreach (var line in HubSettings.Describe(result.GetRequiredValue(app)))
    {
        Console.WriteLine($"- {line}");
    }
});

var run = new RootCommand("Measures the referral service against Azurite and maildev; run it with bench.sh.")
{
    app, logs, only, referrals, warmUp, tasks, taskIdle, idleStorage, idleLog, idleWarmUp, idleWindow, requestLog, journeys, stored, sessions, rate, loadSeconds, seeded, settings,
};
run.SetAction(async (result, cancellationToken) =>
{
    var chosen = result.GetRequiredValue(only).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (chosen.Except(["a", "b", "c", "d", "e", "f"]).FirstOrDefault() is { } unknown)
    {
        await Console.Error.WriteLineAsync($"--only: '{unknown}' is not one of a, b, c, d, e, f").ConfigureAwait(false);
        return 2;
    }

    var bench = new BenchContext(Path.GetFullPath(result.GetRequiredValue(app)), Path.GetFullPath(result.GetRequiredValue(logs)), TestServers.StorageConnectionString);
    Directory.CreateDirectory(bench.LogFolder);
    foreach (var workload in chosen)
    {
        var loadBefore = LoadAverage();
        var rows = workload switch
        {
            "a" => await IntakeWorkload.RunAsync(bench, result.GetValue(referrals), result.GetValue(warmUp), result.GetValue(requestLog), cancellationToken).ConfigureAwait(false),
            "b" => await TaskLatencyWorkload.RunAsync(bench, result.GetValue(tasks), TimeSpan.FromSeconds(result.GetValue(taskIdle)), cancellationToken).ConfigureAwait(false),
            "c" => await IdleWorkload.RunAsync(
                bench,
                result.GetValue(idleStorage) ?? throw new InvalidOperationException("(c) needs --idle-storage"),
                result.GetValue(idleLog) ?? throw new InvalidOperationException("(c) needs --idle-log"),
                TimeSpan.FromSeconds(result.GetValue(idleWarmUp)),
                TimeSpan.FromSeconds(result.GetValue(idleWindow)),
                cancellationToken).ConfigureAwait(false),
            "d" => await MemoryWorkload.RunAsync(bench, result.GetValue(journeys), cancellationToken).ConfigureAwait(false),
            "f" => await SeededWorkload.RunAsync(bench, result.GetValue(seeded), cancellationToken).ConfigureAwait(false),
            _ => await LoadWorkload.RunAsync(
                bench,
                result.GetValue(stored),
                result.GetValue(sessions),
                result.GetValue(rate),
                TimeSpan.FromSeconds(result.GetValue(loadSeconds)),
                cancellationToken).ConfigureAwait(false),
        };
        RequireMailServer();
        foreach (var row in rows.Append(new ResultRow(rows[0].Workload.Split(',')[0], "machine load average (1 min), before / after", $"{loadBefore} / {LoadAverage()}")))
        {
            Console.WriteLine(row.ToMarkdown());
        }
    }

    return 0;
});

return await run.Parse(args).InvokeAsync().ConfigureAwait(false);

// A mail server that went away mid-run (it happened once, from outside the benchmark) leaves
// journeys retrying their emails for minutes: figures measured so are not the service's, so stop.
static void RequireMailServer()
{
    using var smtp = new System.Net.Sockets.TcpClient();
    try
    {
        smtp.Connect(TestServers.SmtpHost, TestServers.SmtpPort);
    }
    catch (System.Net.Sockets.SocketException ex)
    {
        throw new InvalidOperationException($"maildev stopped listening on {TestServers.SmtpHost}:{TestServers.SmtpPort} during the workload, so its figures are not valid.", ex);
    }
}

// Other work on the machine shares its CPUs with every process measured here, so each workload says how busy it was.
static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
