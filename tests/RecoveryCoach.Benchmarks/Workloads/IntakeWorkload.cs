using System.Text.Json;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// (a) A burst of referrals POSTed at once to one web app that runs the worker in process: how
/// fast referrals are decided and acknowledged, which is what a referrer waits for.
/// </summary>
/// <remarks>
/// Times come from what the service recorded, not from when the benchmark happened to look:
/// a referral is decided at its eligibility decision's <c>decidedAt</c>, and acknowledged when
/// the last of its acknowledgement emails was sent (<c>notifications[].attemptedAt</c>, every
/// one <c>sent</c>). The benchmark watches the Instances table with one paged query a second
/// until every journey has gone past its acknowledgements to its first task, and only then
/// reads each referral over the API.
/// </remarks>
public static class IntakeWorkload
{
    public const string Name = "(a) intake";

    /// <summary>The stage a journey shows once its acknowledgements are sent and its first task is stored.</summary>
    public const string FirstTask = "initial-conversation";

    private const string Hub = "BenchIntake";

    /// <param name="requestLog">
    /// The main Azurite's <c>--debug</c> log, to count the storage requests a referral costs from
    /// its POST to its first task; null to leave them uncounted. Azurite is slower while it
    /// writes that log, so the timings of such a run are not comparable with those of one without.
    /// </param>
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext bench, int referrals, int warmUp, string? requestLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        await using var app = await bench.StartAppAsync("intake", Hub, runWorker: true, cancellationToken).ConfigureAwait(false);
        using var api = new ServiceApi(app.BaseAddress);
        var tables = bench.Tables(Hub);

        // A running service is warm: pay for JIT compilation and first connections before timing.
        Progress.Say($"{Name}: warm-up of {warmUp} referrals");
        await Submissions.SubmitAsync(api, warmUp, warmUp, cancellationToken).ConfigureAwait(false);
        await tables.WaitForStageAsync(FirstTask, warmUp, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);

        Progress.Say($"{Name}: POSTing {referrals} referrals at once");
        var submitted = await Submissions.SubmitAsync(api, referrals, referrals, cancellationToken).ConfigureAwait(false);
        Progress.Say($"{Name}: all answered; waiting until every journey has reached its first task");
        var (_, allAtFirstTask) = await tables.WaitForStageAsync(FirstTask, warmUp + referrals, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);

        var memory = app.Memory();
        await api.SignInAsync(ServiceApi.Admin, cancellationToken).ConfigureAwait(false);
        var outcomes = await ReadAsync(api, submitted, cancellationToken).ConfigureAwait(false);
        var first = submitted.Min(s => s.StartedAt);
        var lastAcknowledged = outcomes.Max(o => o.AcknowledgedAt);
        var wall = lastAcknowledged - first;
        var decided = outcomes.Select(o => (o.DecidedAt - o.Submitted.StartedAt).TotalSeconds).ToList();
        var acknowledged = outcomes.Select(o => (o.AcknowledgedAt - o.Submitted.StartedAt).TotalSeconds).ToList();
        var posts = submitted.Select(s => (s.AnsweredAt - s.StartedAt).TotalSeconds).ToList();
        var rate = referrals / wall.TotalSeconds;
        var emails = outcomes.Sum(o => o.Emails);
        var workload = requestLog is null ? $"{Name} ×{referrals}" : $"{Name} ×{referrals}, Azurite --debug";
        IReadOnlyList<ResultRow> requests = requestLog is null ? [] : RequestRows(workload, requestLog, first, allAtFirstTask, referrals);
        return
        [
            new(workload, "referrals/s, first POST to last referral decided and acknowledged", Figures.Number(rate), "≥ 20", rate >= 20),
            new(workload, "wall time, first POST to last acknowledgement sent", Figures.Seconds(wall)),
            new(workload, "all POSTs answered (202) after", Figures.Seconds(submitted.Max(s => s.AnsweredAt) - first)),
            new(workload, "POST call, p50 / p99", $"{Figures.Seconds(Figures.Percentile(posts, 50))} / {Figures.Seconds(Figures.Percentile(posts, 99))}"),
            new(workload, "submit → decided, p50 / p99", $"{Figures.Seconds(Figures.Percentile(decided, 50))} / {Figures.Seconds(Figures.Percentile(decided, 99))}"),
            new(workload, "submit → acknowledged, p50 / p99", $"{Figures.Seconds(Figures.Percentile(acknowledged, 50))} / {Figures.Seconds(Figures.Percentile(acknowledged, 99))}"),
            new(workload, "acknowledgement emails sent and recorded", $"{emails} ({Figures.Number((double)emails / referrals, "0.#")} a referral, none failed)"),
            new(workload, "web app with worker: peak working set (VmHWM)", Figures.Megabytes(memory.Peak)),
            .. requests,
        ];
    }

    /// <summary>The service's storage requests per referral from the first POST until every journey was at its first task, by what they were for.</summary>
    private static IReadOnlyList<ResultRow> RequestRows(string workload, string requestLog, DateTimeOffset from, DateTimeOffset to, int referrals)
    {
        var requests = AzuriteRequestLog.Read(requestLog, from, to).Where(r => !r.IsBenchmarks).ToList();
        return
        [
            new(workload, "storage requests per referral, POST to first task stored", Figures.Number((double)requests.Count / referrals)),
            .. requests
                .GroupBy(r => AzuriteRequestLog.Purpose(r, Hub))
                .OrderByDescending(g => g.Count())
                .Select(g => new ResultRow(workload, $"  of which {g.Key}", Figures.Number((double)g.Count() / referrals))),
        ];
    }

    /// <summary>Reads every referral's state once, a few at a time, after the burst is over.</summary>
    private static async Task<IReadOnlyList<Outcome>> ReadAsync(ServiceApi api, IReadOnlyList<Submitted> submitted, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[submitted.Count];
        await Parallel.ForAsync(0, submitted.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            outcomes[i] = Outcome.Of(submitted[i], await api.GetReferralAsync(submitted[i].Id, ct).ConfigureAwait(false))).ConfigureAwait(false);
        return outcomes;
    }

    private sealed record Outcome(Submitted Submitted, DateTimeOffset DecidedAt, DateTimeOffset AcknowledgedAt, int Emails)
    {
        /// <exception cref="InvalidOperationException">The referral is not decided, or an acknowledgement was not sent.</exception>
        public static Outcome Of(Submitted submitted, JsonElement referral)
        {
            var status = referral.GetProperty("status").GetString();
            if (status != "allocated" || referral.GetProperty("eligibility").ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"Referral {submitted.Id} is '{status}', not allocated.");
            }

            var emails = referral.GetProperty("notifications").EnumerateArray().ToList();
            if (emails.Count == 0 || emails.Any(e => e.GetProperty("status").GetString() != "sent"))
            {
                throw new InvalidOperationException($"Referral {submitted.Id} has acknowledgements that were not sent.");
            }

            return new Outcome(
                submitted,
                referral.GetProperty("eligibility").GetProperty("decidedAt").GetDateTimeOffset(),
                emails.Max(e => e.GetProperty("attemptedAt").GetDateTimeOffset()),
                emails.Count);
        }
    }
}
