using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryCoach.Infra.Tests.Deployment;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Retention;

namespace RecoveryCoach.Infra.Tests;

/// <summary>
/// The mail, notification and retention settings main.bicep writes, read back as environment variables by
/// the apps' own options classes and validated as at start-up: a name the apps do not read, or
/// a value they refuse, fails here rather than when the app first starts in Azure.
/// </summary>
public sealed class SettingsContractTests
{
    /// <summary>What only Azure knows, given a plausible value so the rest can be validated.</summary>
    private static readonly Dictionary<string, string> KnownOnlyInAzure = new()
    {
        ["Smtp__UserName"] = "recoverycoach-dev-acs-smtp",
        ["Smtp__Password"] = "resolved-from-key-vault",
        ["Smtp__FromAddress"] = "DoNotReply@00000000-0000-0000-0000-000000000000.azurecomm.net",
        ["Notifications__PublicBaseUrl"] = "https://recoverycoach-dev-web.azurewebsites.net",
    };

    [Theory]
    [MemberData(nameof(Built.EnvironmentNames), MemberType = typeof(Built))]
    public void Each_apps_mail_notification_and_retention_settings_bind_and_pass_validation(string environment)
    {
        var snapshot = Built.Snapshot(environment);
        var notifications = Built.Parameters(environment)["parameters"]!["notifications"]!["value"]!;

        foreach (var kind in new[] { "functionapp,linux", "app,linux" })
        {
            var settings = snapshot.AppSettings(snapshot.Site(kind)).ToDictionary(s => s.Key, s => KnownOnlyInAzure.GetValueOrDefault(s.Key, s.Value));
            using var services = Bind(settings);

            var mail = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
            var notification = services.GetRequiredService<IOptions<NotificationOptions>>().Value;

            settings.Should().Contain("Retention__Years", "20", "the Records Management Code keeps records 20 years after the last contact");
            services.GetRequiredService<IOptions<RetentionOptions>>().Value.Years.Should().Be(20);
            mail.Host.Should().Be("smtp.azurecomm.net");
            mail.Port.Should().Be(587);
            mail.Security.Should().Be(MailKit.Security.SecureSocketOptions.StartTls);
            mail.UserName.Should().Be(KnownOnlyInAzure["Smtp__UserName"]);
            foreach (var team in Team.All)
            {
                notification.TeamInboxes[team.Code].Should().Be(notifications["teamInboxes"]![team.Code]!.GetValue<string>());
                notification.TeamLeadInboxes[team.Code].Should().Be(notifications["teamLeadInboxes"]![team.Code]!.GetValue<string>());
            }
        }
    }

    /// <summary>The settings as App Service hands them over, environment variables with <c>__</c> for <c>:</c>, bound as the apps bind them.</summary>
    private static ServiceProvider Bind(Dictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateDataAnnotations();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations();
        return services.BuildServiceProvider();
    }
}
