using System.Text.Json.Nodes;
using RecoveryCoach.Benchmarks.Hosting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks;

/// <summary>What every workload needs: where the built web app is, where logs go, and the storage it runs on.</summary>
/// <param name="AppFolder">The web app's Release output folder.</param>
/// <param name="LogFolder">Where each web app process's console output is kept, to read after a failure.</param>
/// <param name="StorageConnectionString">The Azurite the web apps use (<c>AzureWebJobsStorage</c>, which they inherit).</param>
public sealed record BenchContext(string AppFolder, string LogFolder, string StorageConnectionString)
{
    /// <summary>Starts a web app process on <paramref name="hub"/>, logging to <c>{name}.log</c>.</summary>
    public Task<WebAppProcess> StartAppAsync(string name, string hub, bool runWorker, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        Progress.Say($"starting web app '{name}' (hub {hub}, {(runWorker ? "worker in process" : "client only")})");
        return WebAppProcess.StartAsync(AppFolder, hub, runWorker, Path.Combine(LogFolder, name + ".log"), environment, cancellationToken);
    }

    public HubTables Tables(string hub) => new(StorageConnectionString, hub);
}

/// <summary>A referral as submitted: its id and when its POST began and was answered.</summary>
public sealed record Submitted(string Id, DateTimeOffset StartedAt, DateTimeOffset AnsweredAt);

/// <summary>Progress lines on standard error, so standard output holds only the table rows.</summary>
public static class Progress
{
    public static void Say(string line) => Console.Error.WriteLine($"[bench {DateTimeOffset.UtcNow:HH:mm:ss}] {line}");
}

public static class Submissions
{
    /// <summary>
    /// POSTs <paramref name="count"/> referrals, at most <paramref name="inFlight"/> at a time
    /// (all at once when it equals the count), and records when each call began and was answered.
    /// </summary>
    /// <param name="referral">The body of the i-th referral; the tests' sample referral for each when null.</param>
    public static async Task<IReadOnlyList<Submitted>> SubmitAsync(
        ServiceApi api, int count, int inFlight, CancellationToken cancellationToken, Func<int, JsonObject>? referral = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var gate = new SemaphoreSlim(inFlight);
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var startedAt = DateTimeOffset.UtcNow;
                var id = await api.SubmitReferralAsync(referral?.Invoke(i) ?? SampleReferrals.Valid(), cancellationToken).ConfigureAwait(false);
                return new Submitted(id, startedAt, DateTimeOffset.UtcNow);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(calls).ConfigureAwait(false);
    }
}
