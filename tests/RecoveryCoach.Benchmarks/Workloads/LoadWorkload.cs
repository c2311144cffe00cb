using System.Diagnostics;
using System.Globalization;
using RecoveryCoach.Benchmarks.Hosting;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// (e) The staff pages under load with a caseload stored: one web app with its worker in
/// process holds thousands of referrals, each waiting on its initial conversation so every
/// team's worklist is full; then staff sessions go round their worklists, referrals and tasks
/// while new referrals arrive at a steady rate, and every request is timed.
/// </summary>
/// <remarks>
/// The seed waits until every journey has reached its first task, not only until each referral
/// is decided: a worklist is full only then, and the worker has then nothing left to do but the
/// referrals that arrive during the run, so the run measures what it says. The wait is bounded
/// (ten minutes, and a second more per referral) and a failed journey stops it. The sessions
/// are timed only after each has signed in and gone round once, as a service in use is warm.
/// </remarks>
public static class LoadWorkload
{
    public const string Name = "(e) load";

    private const string Hub = "BenchLoad";

    /// <summary>POSTs in flight at once while seeding: a steady stream from a few referrers, not one burst.</summary>
    private const int SeedInFlight = 20;

    private const double AimMilliseconds = 300;

    /// <summary>The caseload the aim is set for; a smaller seed measures something easier.</summary>
    private const int AimStored = 2000;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The limits on anonymous submissions per client address, raised for this web app: the seed
    /// and the steady stream all come from one address, 127.0.0.1, where real referrers come from many.
    /// </summary>
    private static readonly Dictionary<string, string> Limits = new()
    {
        ["RateLimits__ReferralApiPerMinute"] = "1000000",
        ["RateLimits__ReferralFormPerMinute"] = "1000000",
    };

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(
        BenchContext bench, int stored, int sessions, double rate, TimeSpan runFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stored);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sessions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        await using var app = await bench.StartAppAsync("load", Hub, runWorker: true, cancellationToken, Limits).ConfigureAwait(false);
        var tables = bench.Tables(Hub);

        Progress.Say($"{Name}: seeding {stored} referrals, {SeedInFlight} at a time, spread over the three teams");
        var seedStarted = Stopwatch.GetTimestamp();
        using (var seeder = new ServiceApi(app.BaseAddress))
        {
            await Submissions.SubmitAsync(seeder, stored, SeedInFlight, cancellationToken, SampleReferrals.Numbered).ConfigureAwait(false);
        }

        var posted = Stopwatch.GetElapsedTime(seedStarted);
        Progress.Say($"{Name}: all {stored} POSTs answered after {posted.TotalSeconds:0} s; waiting until every journey has reached its first task");
        var patience = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(stored);
        await tables.WaitForStageAsync(IntakeWorkload.FirstTask, stored, TimeSpan.FromSeconds(2), patience, cancellationToken).ConfigureAwait(false);
        var seeded = Stopwatch.GetElapsedTime(seedStarted);
        Progress.Say($"{Name}: seeded after {seeded.TotalSeconds:0} s; signing in {sessions} staff sessions");

        var staff = await SignInAsync(app.BaseAddress, sessions, cancellationToken).ConfigureAwait(false);
        try
        {
            var warmUp = new PageTimings(RequestTimeout);
            await Task.WhenAll(staff.Select(s => s.Session.RoundAsync(warmUp, cancellationToken))).ConfigureAwait(false);
            if (warmUp.Samples.Count(s => s.Error is not null) is > 0 and var warmUpErrors)
            {
                Progress.Say($"{Name}: {warmUpErrors} errors in the untimed warm-up round");
            }

            Progress.Say($"{Name}: {sessions} sessions going round for {runFor.TotalSeconds:0} s while {Figures.Number(rate, "0.#")} referrals/s are POSTed");
            var timings = new PageTimings(RequestTimeout);
            using var referrers = new ServiceApi(app.BaseAddress);
            var rounds = staff.Select(s => s.Session.RunAsync(timings, runFor, cancellationToken)).ToList();
            var stream = ScheduledSubmissions.RunAsync(referrers, rate, runFor, stored, timings, cancellationToken);
            await Task.WhenAll(rounds).ConfigureAwait(false);
            var (sent, mostBehind) = await stream.ConfigureAwait(false);
            var atFirstTask = (await tables.JourneysAsync(cancellationToken).ConfigureAwait(false)).Count(j => j.Stage == IntakeWorkload.FirstTask);

            var workload = string.Create(
                CultureInfo.InvariantCulture, $"{Name} ×{stored} stored, {sessions} sessions, {Figures.Number(rate, "0.#")} referrals/s, {runFor.TotalSeconds:0} s");
            IReadOnlyList<string> pages = [StaffSession.Worklist, StaffSession.ReferralPage, StaffSession.TaskPage, StaffSession.Dashboard, ScheduledSubmissions.Page];
            var pageRows = timings.Rows(workload, pages, AimMilliseconds);
            var pagesMet = pageRows.Take(pages.Count).Count(r => r.Met == true);
            var allMet = pageRows.All(r => r.Met == true);
            return
            [
                new(workload, $"every page p95 < {AimMilliseconds:0} ms and zero errors, with {AimStored:N0} referrals stored",
                    $"{pagesMet} of {pages.Count} pages, {stored:N0} stored", $"all, with ≥ {AimStored:N0} stored", allMet && stored >= AimStored),
                .. pageRows,
                new(workload, "percentiles", "nearest rank over every request, failed ones included at the time they took; a POST timed from when it was due"),
                new(workload, "staff: rounds of worklist → referral → task (dashboard every 5th round), no think time",
                    $"{staff.Sum(s => s.Session.Rounds)} rounds by {Describe(staff)}; {staff.Sum(s => s.Session.EmptyWorklists)} worklists with no task"),
                new(workload, "referrals POSTed on schedule (open loop); latest start behind schedule", $"{sent}; {Figures.Number(mostBehind.TotalMilliseconds, "0")} ms"),
                new(workload, $"journeys at their first task when the run ended, of {stored + sent} stored", atFirstTask.ToString(CultureInfo.InvariantCulture)),
                new(workload, $"seeding: {stored} POSTs ({SeedInFlight} at a time) answered after", Figures.Seconds(posted)),
                new(workload, $"seeding: first POST → all {stored} at their first task (seen within 2 s)", Figures.Seconds(seeded)),
                new(workload, "limits raised for this web app (environment); no address here is given twice", RaisedLimits()),
                new(workload, "web app with worker: peak working set (VmHWM)", Figures.Megabytes(app.Memory().Peak)),
            ];
        }
        finally
        {
            foreach (var (_, session) in staff)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>Signs in <paramref name="sessions"/> sessions, the teams in turn and each team's seeded people in turn within it.</summary>
    private static async Task<IReadOnlyList<(string Email, StaffSession Session)>> SignInAsync(Uri baseAddress, int sessions, CancellationToken cancellationToken)
    {
        var teams = SampleReferrals.TeamPostcodes.Select(t => SeededStaff.ByTeam[t.Team]).ToList();
        var emails = Enumerable.Range(0, sessions).Select(i => teams[i % teams.Count][i / teams.Count % teams[i % teams.Count].Count]).ToList();
        var signedIn = new List<(string, StaffSession)>();
        try
        {
            for (var i = 0; i < sessions; i++)
            {
                signedIn.Add((emails[i], await StaffSession.SignInAsync(baseAddress, emails[i], i, cancellationToken).ConfigureAwait(false)));
            }

            return signedIn;
        }
        catch
        {
            signedIn.ForEach(s => s.Item2.Dispose());
            throw;
        }
    }

    /// <summary>Who went round, as <c>casey.coach ×3</c>.</summary>
    private static string Describe(IReadOnlyList<(string Email, StaffSession Session)> staff) =>
        string.Join(", ", staff.GroupBy(s => s.Email).Select(g => $"{g.Key.Split('@')[0]} ×{g.Count()}"));

    /// <summary>The limits every benchmark web app raises with this workload's own over them, as the app reads them (<c>Section:Key</c>).</summary>
    private static string RaisedLimits() =>
        string.Join(", ", WebAppProcess.RaisedLimits
            .Where(l => !Limits.ContainsKey(l.Key))
            .Concat(Limits)
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"{l.Key.Replace("__", ":", StringComparison.Ordinal)} = {l.Value}"));
}
