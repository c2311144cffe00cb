using System.Diagnostics;
using System.Net;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Engine.Chaos;

/// <summary>
/// Carries <see cref="ChaosPlan.Journeys"/> referrals to closure on short journey rules, on two
/// competing worker processes over an Azurite of the run's own, while it kills workers with
/// SIGKILL, stops Azurite and cuts the SMTP server off, each at a moment drawn from the plan's
/// seed (a share of the referrals submitted so far). Then it counts what was lost, sent twice or left stuck.
/// </summary>
public sealed class ChaosRun(ChaosPlan plan, Action<string> log)
{
    /// <summary>Journey timings in seconds: tasks fall due, remind and escalate within the run.</summary>
    private static readonly Dictionary<string, double> ShortJourney = new()
    {
        ["FirstContactDays"] = 40, ["TeamLeadDays"] = 20, ["AgreementDays"] = 40, ["ReminderIntervalDays"] = 20, ["EscalateAfterDays"] = 20, ["ClosureReminderDays"] = 40,
    };

    private readonly Random random = new(plan.Seed);
    private readonly Stopwatch clock = new();
    private readonly List<(string What, TimeSpan At, TimeSpan BackAt, List<ChaosJourney> Waiting, List<ChaosJourney> InFlight)> breaks = [];
    private readonly List<WorkerProcess> live = [];
    private int submitted;
    private int workersStarted;

    public async Task<ChaosReport> RunAsync()
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        var smtpPort = TestServers.ClosedPort();
        var mail = new TcpForwarder(smtpPort, TestServers.SmtpHost, TestServers.SmtpPort);
        mail.Start();
        using var rules = ShortJourneyRules.With(ShortJourney);
        await using var hub = new WorkerProcessHub { Servers = (azurite.ConnectionString, smtpPort), Settings = Settings(rules.Path) };
        ChaosReport? report = null;
        try
        {
            await hub.RunAsync(async () =>
            {
                live.AddRange([hub.StartWorker(NextWorkerName()), hub.StartWorker(NextWorkerName())]);
                await Task.WhenAll(live.Select(w => w.StartedAsync(TimeSpan.FromSeconds(120))).Append(hub.StartClientAsync()));
                using var coach = await hub.Client.SignedInAsync(StaffSignIn.CambridgeCoach);
                using var anonymous = hub.Client.CreateClient();
                var journeys = Enumerable.Range(0, plan.Journeys).Select(_ => new ChaosJourney(anonymous, coach, clock, plan.JourneyPatience)).ToList();
                clock.Start();

                var driving = DriveAsync(journeys);
                var progress = ProgressAsync(journeys, driving);
                await BreakThingsAsync(hub, azurite, () => mail, m => mail = m, smtpPort, journeys, driving);
                await driving;
                await progress;
                report = await ReportAsync(journeys, coach);
            });
        }
        finally
        {
            await mail.DisposeAsync();
        }

        return report!;
    }

    private async Task DriveAsync(List<ChaosJourney> journeys)
    {
        using var gate = new SemaphoreSlim(plan.InFlight);
        await Task.WhenAll(journeys.Select(async (journey, i) =>
        {
            // Referrals keep arriving, one every SubmitEvery, as they do: at any moment some are just in.
            await Task.Delay(plan.SubmitEvery * i);
            await gate.WaitAsync();
            try
            {
                Interlocked.Increment(ref submitted);
                await journey.RunAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task ProgressAsync(List<ChaosJourney> journeys, Task driving)
    {
        while (await Task.WhenAny(driving, Task.Delay(TimeSpan.FromSeconds(30))) != driving)
        {
            log($"{clock.Elapsed.TotalSeconds:0} s: {Volatile.Read(ref submitted)} submitted, {journeys.Count(j => j.AcceptedAt is not null)} accepted, "
                + $"{journeys.Count(j => j.DecidedAt is not null)} decided, {journeys.Count(j => j.ClosedAt is not null)} closed, {journeys.Count(j => j.StuckAt is not null)} stuck");
        }
    }

    /// <summary>Each break waits for its share of the referrals to be submitted, then happens; they come one after another.</summary>
    private async Task BreakThingsAsync(WorkerProcessHub hub, AzuriteProcess azurite, Func<TcpForwarder> mail, Action<TcpForwarder> replaceMail, int smtpPort, List<ChaosJourney> journeys, Task driving)
    {
        var kinds = Enumerable.Repeat("kill", plan.Kills).Concat(Enumerable.Repeat("azurite", plan.AzuriteOutages)).Append("smtp");
        var schedule = kinds.Select(kind => (Kind: kind, Share: 0.05 + (random.NextDouble() * 0.85))).OrderBy(b => b.Share).ToList();
        foreach (var (kind, share) in schedule)
        {
            while (Volatile.Read(ref submitted) < share * plan.Journeys && !driving.IsCompleted)
            {
                await Task.Delay(200);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 3000)));
            var at = clock.Elapsed;
            var waiting = journeys.Where(j => j.AcceptedAt is not null && j.DecidedAt is null).ToList();
            var inFlight = journeys.Where(j => j.AcceptedAt is not null && j.ClosedAt is null && j.StuckAt is null).ToList();
            string what;
            switch (kind)
            {
                case "kill":
                    var victim = live[random.Next(live.Count)];
                    victim.Kill();
                    live.Remove(victim);
                    var replacement = hub.StartWorker(NextWorkerName());
                    live.Add(replacement);
                    await replacement.StartedAsync(TimeSpan.FromSeconds(120));
                    what = $"SIGKILL {victim.Name} (exit {victim.ExitCode}), {replacement.Name} started";
                    break;
                case "azurite":
                    await azurite.CutOffAsync();
                    await Task.Delay(plan.AzuriteDownFor);
                    azurite.Restore();
                    what = $"Azurite unreachable for {plan.AzuriteDownFor.TotalSeconds:0} s";
                    break;
                default:
                    await mail().DisposeAsync();
                    await Task.Delay(plan.SmtpDownFor);
                    var back = new TcpForwarder(smtpPort, TestServers.SmtpHost, TestServers.SmtpPort);
                    back.Start();
                    replaceMail(back);
                    what = $"SMTP unreachable for {plan.SmtpDownFor.TotalSeconds:0} s";
                    break;
            }

            breaks.Add((what, at, clock.Elapsed, waiting, inFlight));
            log($"{at.TotalSeconds:0.0} s: {what} ({journeys.Count(j => j.ClosedAt is not null)} of {plan.Journeys} closed)");
        }
    }

    private async Task<ChaosReport> ReportAsync(List<ChaosJourney> journeys, HttpClient coach)
    {
        var lost = new List<string>();
        foreach (var journey in journeys.Where(j => j.Id is not null))
        {
            using var answer = await coach.GetAsync(new Uri($"/api/referrals/{journey.Id}", UriKind.Relative));
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                lost.Add($"{journey.Reference} ({journey.Id}) answered {(int)answer.StatusCode} after being accepted");
            }
        }

        var references = journeys.Where(j => j.Reference is not null).Select(j => j.Reference!).ToHashSet();
        var ours = (await MailDev.AllAsync()).Where(m => m.Header("x-referral-reference") is { } r && references.Contains(r)).ToList();
        var duplicates = ours.GroupBy(m => (Reference: m.Header("x-referral-reference"), m.Key))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Reference} {g.Key.Key} sent {g.Count()} times")
            .ToList();
        var events = breaks.Select(b => new ChaosEvent(
            b.What, b.At, b.BackAt, b.Waiting.Count,
            b.Waiting.Select(j => j.DecidedAt is { } decided ? (decided > b.BackAt ? decided - b.BackAt : TimeSpan.Zero) : TimeSpan.MaxValue).DefaultIfEmpty(TimeSpan.Zero).Max(),
            b.InFlight.Count,
            b.InFlight.Select(j => j.ClosedAt <= b.BackAt ? TimeSpan.Zero : j.Steps.Where(s => s > b.BackAt).Select(s => s - b.BackAt).DefaultIfEmpty(TimeSpan.MaxValue).Min()).DefaultIfEmpty(TimeSpan.Zero).Max()))
            .ToList();
        return new ChaosReport(
            plan,
            journeys.Count(j => j.AcceptedAt is not null),
            journeys.Count(j => j.ClosedAt is not null),
            lost,
            journeys.Where(j => j.StuckAt is not null).Select(j => $"{j.Reference ?? "(not accepted)"} at {j.StuckAt}").ToList(),
            duplicates,
            ours.Count,
            events,
            clock.Elapsed);
    }

    /// <summary>The short rules, and limits that let one test client send every referral to the same addresses.</summary>
    private static Dictionary<string, string> Settings(string rulesPath) => new()
    {
        ["Rules:Path"] = rulesPath,
        ["RateLimits:ReferralApiPerMinute"] = "100000",
        ["Notifications:ReferralEmailsPerAddressPerDay"] = "100000",
    };

    private string NextWorkerName() => $"worker-{++workersStarted}";
}
