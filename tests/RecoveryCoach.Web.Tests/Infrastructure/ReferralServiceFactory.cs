using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Testing.VirtualClock;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// The real host against the real Azurite and maildev. Each factory has its own task hub, so
/// its tables are its own, and a fake clock, so ages on the day of referral are exact. Journeys
/// run on the <see cref="VirtualClockEngine"/>, so weeks pass when a test moves the clock; with
/// <see cref="RealEngine"/> they run on the Durable Task Framework's own worker instead, whose
/// timers fire on the wall clock.
/// </summary>
public class ReferralServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>The day every referral through this factory is made: 15 June 2026, in UK time.</summary>
    public static readonly DateTimeOffset ReferralDay = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider? clock;

    /// <summary>The task hub; a new one of its own unless another process's hub is to be shared.</summary>
    public string TaskHub { get; init; } = TestServers.NewTaskHub();

    /// <summary>
    /// Where <see cref="Clock"/> starts: <see cref="ReferralDay"/>, unless the journeys run in
    /// another process on the wall clock, whose days the host's must then match.
    /// </summary>
    public DateTimeOffset ClockStartsAt { get; init; } = ReferralDay;

    public FakeTimeProvider Clock => LazyInitializer.EnsureInitialized(ref clock, () => new FakeTimeProvider(ClockStartsAt));

    /// <summary>The storage account: the test servers' Azurite unless a test runs one of its own.</summary>
    public string StorageConnectionString { get; init; } = TestServers.StorageConnectionString;

    /// <summary>The SMTP port the app sends to; a closed port makes mail fail.</summary>
    public int SmtpPort { get; init; } = TestServers.SmtpPort;

    /// <summary>A rules folder to use instead of the shipped one.</summary>
    public string? RulesPath { get; init; }

    /// <summary>When false, the task hub comes from host.json as in production.</summary>
    public bool OwnTaskHub { get; init; } = true;

    /// <summary>
    /// Runs journeys on the host's own DTFx worker against Azurite, polling at most a second
    /// apart so short timers fire promptly, on the wall clock instead of the virtual one.
    /// </summary>
    public bool RealEngine { get; init; }

    /// <summary>The task hub's partitions instead of host.json's, as every client and worker of a hub must agree.</summary>
    public int? PartitionCount { get; init; }

    /// <summary>
    /// With <see cref="RealEngine"/>, whether this host runs the DTFx worker itself; when false it
    /// is a client only, and worker processes of their own on <see cref="TaskHub"/> carry the journeys.
    /// </summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>
    /// Limits far above anything a test sends: tests send many referrals from one address, to
    /// one address, in one moment of the fake clock. A test of a limit sets its own in <see cref="Settings"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> GenerousLimits = new Dictionary<string, string>
    {
        ["RateLimits:ReferralApiPerMinute"] = "100000",
        ["RateLimits:ReferralFormPerMinute"] = "100000",
        ["RateLimits:SystemClientPerMinute"] = "100000",
        ["RateLimits:FhirPerMinute"] = "100000",
        ["Notifications:ReferralEmailsPerAddressPerDay"] = "100000",
    };

    /// <summary>Settings the test gives the app, over <see cref="GenerousLimits"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TableStoragePeek Storage => new(OwnTaskHub ? TaskHub : "RecoveryCoach");

    /// <summary>
    /// Moves the clock on once the journeys have done everything due now, so no step that was
    /// due before the move sees the later time.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        if (RealEngine)
        {
            throw new InvalidOperationException("The real engine runs on the wall clock; use journey rules with short durations instead.");
        }

        await Services.GetRequiredService<VirtualClockEngine>().WhenIdleAsync();
        Clock.Advance(by);
    }

    /// <summary>A client that follows no redirects, so a test sees each answer as sent.</summary>
    public virtual HttpClient CreateClientWithoutRedirects() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("AzureWebJobsStorage", StorageConnectionString);
        builder.UseSetting("Smtp:Host", TestServers.SmtpHost);
        builder.UseSetting("Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:TimeoutSeconds", "5");
        foreach (var (key, value) in GenerousLimits.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }

        if (OwnTaskHub)
        {
            builder.UseSetting(HostJsonConfiguration.HubName, TaskHub);
        }

        if (PartitionCount is { } partitions)
        {
            builder.UseSetting(HostJsonConfiguration.DurableTask + ":storageProvider:partitionCount", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (RulesPath is not null)
        {
            builder.UseSetting("Rules:Path", RulesPath);
        }

        if (RealEngine)
        {
            // DTFx times the journey on the wall clock, so the activities do too.
            builder.UseSetting(HostJsonConfiguration.DurableTask + ":storageProvider:maxQueuePollingInterval", "00:00:01");
            if (!RunWorker)
            {
                builder.UseSetting("Durable:RunWorker", "false");
            }

            return;
        }

        builder.UseSetting("Durable:RunWorker", "false");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureTestServices(services =>
        {
            var tasks = new DurableTaskRegistry();
            JourneyTasks.Register(tasks);
            services.AddSingleton(sp => new VirtualClockEngine(tasks, sp, Clock, JourneyJson.Converter, sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
            services.RemoveAll<DurableTaskClient>();
            services.AddSingleton<DurableTaskClient>(sp => new VirtualClockDurableTaskClient(sp.GetRequiredService<VirtualClockEngine>(), JourneyJson.Converter));
        });
    }
}
