using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Testing.Seeding;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// (f) The staff pages against two years of referrals: a fresh hub is seeded with thousands of
/// realistic referrals (<see cref="SeededReferrals"/>) through the service's own stores, so the
/// caseload index and everything else that follows them is as production would have it; then
/// one web app serves a coach, a team lead and an admin, and each page is timed for each of
/// them, one request at a time, against issue 12's aims.
/// </summary>
/// <remarks>
/// Requests are sequential, never concurrent: this measures how long one person waits for a
/// page over a large store, not throughput, which (e) measures. Each page is asked for three
/// times untimed first, so JIT compilation and first connections are not in the figures.
/// </remarks>
public static partial class SeededWorkload
{
    public const string Name = "(f) seeded store";

    private const string Hub = "BenchSeeded";
    private const int Seed = 1;
    private const int WriteInParallel = 8;
    private const int WarmUps = 3;
    private const int Timed = 30;

    /// <summary>The store the aims are set for; a smaller one measures something easier.</summary>
    private const int AimSeeded = 10_000;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Who is timed: Cambridge's coach and team lead (one list, and one with triage), and the admin, who sees every list.</summary>
    private static readonly (string Role, string Email)[] Staff =
        [("coach", ServiceApi.CambridgeCoach), ("team lead", "lee.lead@cpft.nhs.uk"), ("admin", ServiceApi.Admin)];

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext bench, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var mark = new SeedMark(bench.StorageConnectionString, Hub);
        var kept = await mark.FindAsync(Seed, count, cancellationToken).ConfigureAwait(false);
        var now = kept ?? DateTimeOffset.UtcNow;
        Progress.Say($"{Name}: generating {count} referrals (seed {Seed}) over the two years before {now:u}");
        var clock = Stopwatch.StartNew();
        var rules = SeededReferrals.ShippedRules();
        var seeded = await SeededReferrals.GenerateAsync(Seed, count, now, rules).ConfigureAwait(false);
        var generated = clock.Elapsed;
        var tasks = seeded.Sum(s => s.Tasks.Count);
        TimeSpan? written = null;
        if (kept is null)
        {
            Progress.Say($"{Name}: generated in {generated.TotalSeconds:0.0} s; writing {count} referrals and {tasks} tasks through the stores, {WriteInParallel} referrals at a time");
            clock.Restart();
            await using (var store = SeededStore.Open(bench.StorageConnectionString, Hub))
            {
                var progress = new Progress<int>(n =>
                {
                    if (n % 1000 == 0)
                    {
                        Progress.Say($"{Name}: {n} referrals written after {clock.Elapsed.TotalSeconds:0} s");
                    }
                });
                await store.WriteAsync(seeded, rules, WriteInParallel, progress, cancellationToken).ConfigureAwait(false);
            }

            written = clock.Elapsed;
            await mark.RecordAsync(Seed, count, now, cancellationToken).ConfigureAwait(false);
            Progress.Say($"{Name}: seeded {count} referrals in {written.Value.TotalSeconds:0.0} s; starting the web app");
        }
        else
        {
            Progress.Say($"{Name}: the kept store holds these {count} referrals already; starting the web app");
        }

        await using var app = await bench.StartAppAsync("seeded", Hub, runWorker: true, cancellationToken).ConfigureAwait(false);
        var sessions = new List<(string Role, ServiceApi Api)>();
        try
        {
            foreach (var (role, email) in Staff)
            {
                var api = new ServiceApi(app.BaseAddress);
                sessions.Add((role, api));
                await api.SignInAsync(email, cancellationToken).ConfigureAwait(false);
            }

            var subject = SeededPages.Subject(seeded);
            var pages = SeededPages.For(subject, now);
            var timings = new PageTimings(RequestTimeout);
            var answers = new Dictionary<(string Page, string Role), (string Answer, double FirstMs)>();
            foreach (var page in pages)
            {
                Progress.Say($"{Name}: {page.Name}, {page.Path}");
                foreach (var (role, api) in sessions)
                {
                    answers[(page.Name, role)] = await TimeAsync(api, page, role, timings, cancellationToken).ConfigureAwait(false);
                }
            }

            var workload = string.Create(CultureInfo.InvariantCulture, $"{Name} ×{count:N0} referrals, {Timed} sequential requests per page and person");
            var pageRows = pages.Select(p => Row(workload, p, timings, answers)).ToList();
            var measured = pageRows.Where(r => r.Met is not null).ToList();
            return
            [
                new(workload, $"every page built so far within its aim (search p95 < {SeededPages.SearchAim:0} ms, the rest < {SeededPages.PageAim:0} ms) with zero errors, with {AimSeeded:N0} referrals stored",
                    $"{measured.Count(r => r.Met == true)} of {measured.Count} pages, {count:N0} stored", $"all, with ≥ {AimSeeded:N0} stored",
                    measured.All(r => r.Met == true) && count >= AimSeeded),
                .. pageRows,
                Errors(workload, timings),
                new(workload, "percentiles", $"nearest rank over the {Timed} timed requests of each page and person, after {WarmUps} untimed; failed ones included at the time they took"),
                new(workload, "searched for", $"{subject.Referral.Reference}, a {subject.Referral.Status} Cambridge referral; the name part is the family name's first three letters"),
                new(workload, "referrals stored: open / closed / not eligible", Counts(
                    seeded.Count(s => !s.Referral.IsFinished), seeded.Count(s => s.Referral.Status == Referrals.ReferralStatus.Closed), seeded.Count(s => s.Referral.Status == Referrals.ReferralStatus.Ineligible))),
                new(workload, "tasks stored: open / done / cancelled", Counts(
                    Tasks(seeded, CoachTaskStatus.Open), Tasks(seeded, CoachTaskStatus.Done), Tasks(seeded, CoachTaskStatus.Cancelled))),
                new(workload, "seeding: generating (Bogus en_GB, the shipped rules, journeys played up to now)", Figures.Seconds(generated)),
                new(workload, $"seeding: writing through ReferralStore and TaskStore, {WriteInParallel} referrals at a time", written is { } w
                    ? string.Create(CultureInfo.InvariantCulture, $"{Figures.Seconds(w)} ({count / w.TotalSeconds:0} referrals/s, {(count + tasks) / w.TotalSeconds:0} referrals and tasks/s)")
                    : $"not this run: the store kept from a run that seeded it for {now:u}"),
                new(workload, "web app with worker: peak working set (VmHWM)", Figures.Megabytes(app.Memory().Peak)),
            ];
        }
        finally
        {
            sessions.ForEach(s => s.Api.Dispose());
        }
    }

    /// <summary>
    /// Warms the page up for one person, then times it. The first answer says whether the page is
    /// theirs: one that turns them away (403, or sent to "access denied", as the reports send a
    /// coach) is reported as such rather than timed.
    /// </summary>
    /// <returns>
    /// How the page answered for them: the count found, for a search; else empty, or why it was not
    /// timed. And how long the first answer took, before any summary or cache the page keeps was warm.
    /// </returns>
    private static async Task<(string Answer, double FirstMs)> TimeAsync(ServiceApi api, TimedPage page, string role, PageTimings timings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (status, _, body) = await api.GetPageWithTypeAsync(page.Path, cancellationToken).ConfigureAwait(false);
        var first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (status == HttpStatusCode.Forbidden)
        {
            return ("turned away (403)", first);
        }

        if (status == HttpStatusCode.Redirect
            && await api.RedirectOfAsync(page.Path, cancellationToken).ConfigureAwait(false) is { } to
            && (to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString).StartsWith("/account/denied", StringComparison.OrdinalIgnoreCase))
        {
            return ("turned away (access denied)", first);
        }

        for (var i = 1; i < WarmUps; i++)
        {
            await api.GetPageWithTypeAsync(page.Path, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < Timed; i++)
        {
            await timings.MeasureAsync(Key(page, role), Stopwatch.GetTimestamp(), ct => ReadAsync(api, page, ct), cancellationToken).ConfigureAwait(false);
        }

        return (page.MustShow is null ? string.Empty : FoundCount().Match(body) is { Success: true } found ? found.Groups["count"].Value.Replace("No", "0", StringComparison.Ordinal) : "?", first);
    }

    /// <summary>A right answer is a 200 HTML page, and for a search one that lists the person searched for.</summary>
    private static async Task<(string? Value, string? Error)> ReadAsync(ServiceApi api, TimedPage page, CancellationToken cancellationToken)
    {
        var (status, mediaType, body) = await api.GetPageWithTypeAsync(page.Path, cancellationToken).ConfigureAwait(false);
        return status != HttpStatusCode.OK ? (null, $"HTTP {(int)status}")
            : mediaType != "text/html" ? (null, $"not HTML ({mediaType})")
            : page.MustShow is { } shown && !body.Contains(shown, StringComparison.Ordinal) ? (null, "did not list the person searched for")
            : (body, null);
    }

    /// <summary>One page's row: p50 / p95 / max for each person, the errors, and whether every one met the aim.</summary>
    private static ResultRow Row(string workload, TimedPage page, PageTimings timings, Dictionary<(string Page, string Role), (string Answer, double FirstMs)> answers)
    {
        var parts = new List<string>();
        var met = true;
        var timed = false;
        var errors = 0;
        foreach (var (role, _) in Staff)
        {
            var (answer, firstMs) = answers[(page.Name, role)];
            var samples = timings.Samples.Where(s => s.Page == Key(page, role)).ToList();
            if (samples.Count == 0)
            {
                parts.Add($"{role} {answer}");
                continue;
            }

            timed = true;
            var took = samples.Select(s => s.Took.TotalMilliseconds).ToList();
            var p95 = Figures.Percentile(took, 95);
            errors += samples.Count(s => s.Error is not null);
            met &= p95 < page.AimMilliseconds && samples.TrueForAll(s => s.Error is null);
            var found = answer.Length > 0 ? $" ({answer} found)" : string.Empty;
            parts.Add($"{role} {Figures.Number(Figures.Percentile(took, 50), "0")} / {Figures.Number(p95, "0")} / {Figures.Number(took.Max(), "0")}, first {Figures.Number(firstMs, "0")}{found}");
        }

        var measured = string.Join(" · ", parts) + (timed ? $" ms; {errors} errors" : string.Empty);
        return new ResultRow(workload, $"{page.Name}, GET {page.Path}: p50 / p95 / max, and the first (untimed) answer", measured, $"p95 < {page.AimMilliseconds:0} ms, 0 errors", timed ? met : null);
    }

    private static ResultRow Errors(string workload, PageTimings timings)
    {
        var all = timings.Samples;
        var failed = all.Where(s => s.Error is not null).ToList();
        var kinds = string.Join(", ", failed.GroupBy(s => $"{s.Page}: {s.Error}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        return new ResultRow(workload, "errors, all pages", failed.Count == 0 ? $"0 of {all.Count}" : $"{failed.Count} of {all.Count} ({kinds})", "0", failed.Count == 0);
    }

    private static string Key(TimedPage page, string role) => $"{page.Name} ({role})";

    private static int Tasks(IReadOnlyList<SeededReferral> seeded, CoachTaskStatus status) => seeded.Sum(s => s.Tasks.Count(t => t.Status == status));

    private static string Counts(params int[] counts) => string.Join(" / ", counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)));

    /// <summary>The search page's heading: "No referrals found", "1 referral found", "12 referrals found".</summary>
    [GeneratedRegex(@"(?<count>No|\d+) referrals? found")]
    private static partial Regex FoundCount();
}
