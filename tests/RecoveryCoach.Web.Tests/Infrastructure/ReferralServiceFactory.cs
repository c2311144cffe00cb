using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// The real host against the real Azurite and maildev. Each factory has its own task hub, so
/// its tables are its own, and a fake clock, so ages on the day of referral are exact.
/// </summary>
public class ReferralServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>The day every referral through this factory is made: 15 June 2026, in UK time.</summary>
    public static readonly DateTimeOffset ReferralDay = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    public string TaskHub { get; } = TestServers.NewTaskHub();

    public FakeTimeProvider Clock { get; } = new(ReferralDay);

    /// <summary>The SMTP port the app sends to; a closed port makes mail fail.</summary>
    public int SmtpPort { get; init; } = TestServers.SmtpPort;

    /// <summary>A rules folder to use instead of the shipped one.</summary>
    public string? RulesPath { get; init; }

    /// <summary>When false, the task hub comes from host.json as in production.</summary>
    public bool OwnTaskHub { get; init; } = true;

    public TableStoragePeek Storage => new(OwnTaskHub ? TaskHub : "RecoveryCoach");

    /// <summary>A client that follows no redirects, so a test sees each answer as sent.</summary>
    public virtual HttpClient CreateClientWithoutRedirects() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("AzureWebJobsStorage", TestServers.StorageConnectionString);
        builder.UseSetting("Smtp:Host", TestServers.SmtpHost);
        builder.UseSetting("Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:TimeoutSeconds", "5");
        if (OwnTaskHub)
        {
            builder.UseSetting(HostJsonConfiguration.HubName, TaskHub);
        }

        if (RulesPath is not null)
        {
            builder.UseSetting("Rules:Path", RulesPath);
        }

        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
