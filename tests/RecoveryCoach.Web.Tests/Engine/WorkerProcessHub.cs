using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Engine;

/// <summary>
/// A task hub of the test's own that only worker processes serve, as in production, with the
/// test's host as a client of it only. A failure inside <see cref="RunAsync"/> carries what each
/// process wrote, and keeps their log files; disposing kills every process still running, pass or fail.
/// </summary>
public sealed class WorkerProcessHub : IAsyncDisposable
{
    private readonly List<WorkerProcess> workers = [];
    private readonly List<JourneyDriver> journeys = [];
    private ReferralServiceFactory? client;
    private bool passed;

    /// <summary>The hub's partitions, for the workers and the client alike (they must agree); host.json's when null.</summary>
    public int? PartitionCount { get; init; }

    /// <summary>The storage account and SMTP port of the client and every worker; the test servers' when null.</summary>
    public (string Storage, int SmtpPort)? Servers { get; init; }

    /// <summary>Settings by configuration key for the client and every worker, such as the rules folder or limits.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The client, on the wall clock's day like the workers, so due dates agree.</summary>
    public ReferralServiceFactory Client => client ??= new()
    {
        RealEngine = true,
        RunWorker = false,
        ClockStartsAt = DateTimeOffset.UtcNow,
        PartitionCount = PartitionCount,
        StorageConnectionString = Servers?.Storage ?? TestServers.StorageConnectionString,
        SmtpPort = Servers?.SmtpPort ?? TestServers.SmtpPort,
        Settings = Settings,
    };

    public string TaskHub => Client.TaskHub;

    /// <summary>How long each wait for a journey lasts: steps take seconds each on a loaded machine.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How often each journey's wait reads its referral. Every read is several table queries, and
    /// twenty journeys read at once; reading less often leaves the machine to the workers.
    /// </summary>
    public TimeSpan PollEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc cref="WorkerProcess.Start"/>
    public WorkerProcess StartWorker(string name, IReadOnlyDictionary<string, string>? durableTask = null)
    {
        var settings = new Dictionary<string, string>(durableTask ?? new Dictionary<string, string>());
        if (PartitionCount is { } partitions)
        {
            settings["storageProvider:partitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var worker = WorkerProcess.Start(name, TaskHub, settings, Servers, Settings);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Starts the client host, which takes as long as a worker process to start, so it can start meanwhile.</summary>
    public Task StartClientAsync() => Task.Run(() => Client.Server);

    /// <summary>Submits <paramref name="count"/> referrals at once, each with a driver to take it on.</summary>
    public async Task<JourneyDriver[]> SubmitAsync(int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => JourneyDriver.StartAsync(factory: Client)));
        foreach (var journey in started)
        {
            journey.Patience = Patience;
            journey.PollEvery = PollEvery;
        }

        journeys.AddRange(started);
        return started;
    }

    /// <summary>Runs the test body; if it fails, fails again with every process's output added.</summary>
    public async Task RunAsync(Func<Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        try
        {
            await test();
            passed = true;
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException(
                failure.Message + "\n\n" + string.Join("\n\n", workers.Select(w => w.Describe())),
                failure);
        }
    }

    /// <summary>Kills the worker processes first, whatever else fails; their log files are kept only when the test failed.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
            if (passed)
            {
                File.Delete(worker.LogPath);
            }
        }

        foreach (var journey in journeys)
        {
            await journey.DisposeAsync();
        }

        await Client.DisposeAsync();
    }
}

/// <summary>Tests that start worker processes run one at a time, and alone: each wants the machine's cores to itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerProcessTests
{
    public const string Name = "Worker processes";
}
