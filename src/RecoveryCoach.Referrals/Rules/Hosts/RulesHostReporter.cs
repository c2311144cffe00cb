using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Rules.Live;

namespace RecoveryCoach.Referrals.Rules.Hosts;

/// <summary>
/// Tells <see cref="RulesHostStore"/> which rules this instance holds: at start, within
/// <see cref="CheckEvery"/> of a reload, and every <see cref="ReportEvery"/> to show it is still
/// running. It runs on the real clock, whatever clock the journeys run on, and a failed report
/// is logged and tried again at the next check: it must never stop the host.
/// </summary>
public sealed class RulesHostReporter(RulesInForce rules, RulesHostStore store, IHostEnvironment environment, ILogger<RulesHostReporter> logger) : BackgroundService
{
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);

    /// <summary>App Service and Functions name each instance; elsewhere the machine and process do.</summary>
    private static readonly string Instance = Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } id
        ? id
        : $"{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? reported = null;
        var reportedAt = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(CheckEvery);
        do
        {
            var state = rules.State;
            var now = TimeProvider.System.GetUtcNow();
            if (state.Ruleset.Version == reported && now - reportedAt < ReportEvery)
            {
                continue;
            }

            try
            {
                await store.ReportAsync(new RulesHost(environment.ApplicationName, Instance, state.Ruleset.Version, state.LoadedAt, now), stoppingToken).ConfigureAwait(false);
                (reported, reportedAt) = (state.Ruleset.Version, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.RulesHostReportFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
