using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Retention;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Hosts;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals;

public static class ReferralsServiceCollectionExtensions
{
    /// <summary>
    /// Registers referral intake with its rules, storage and mail. Settings are validated when
    /// the host starts, so a missing inbox or a bad port stops start-up instead of a referral.
    /// </summary>
    /// <param name="storage">
    /// Where the referral tables live: the task hub's name as the tables' prefix, in the account
    /// <c>AzureWebJobsStorage</c> names (<see cref="StorageConnection"/>) unless this sets another.
    /// The journeys themselves are the host's to register (<see cref="JourneyTasks"/>).
    /// </param>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration, Action<StorageOptions> storage)
    {
        // Read when the host starts, so a missing or malformed storage setting stops start-up, naming the setting.
        services.AddOptions<StorageOptions>()
            .Configure(storage)
            .PostConfigure(o => o.Connection ??= StorageConnection.FromConfiguration(configuration.GetSection(StorageConnection.Section)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var connection = Connected(sp);
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<StorageConnection>().StorageConnected(connection.TableServiceUri, connection.Form);
            return connection.CreateTableServiceClient();
        });
        services.AddSingleton(sp => Connected(sp).CreateQueueServiceClient());
        services.AddSingleton(sp => Connected(sp).CreateBlobServiceClient());
        services.AddSingleton<RulesInForce>();
        services.AddSingleton<RulesetVersionStore>();
        services.AddHostedService<RulesetWatcher>();
        services.AddSingleton<RulesHostStore>();
        services.AddHostedService<RulesHostReporter>();
        services.AddSingleton<CaseloadIndex>();
        services.AddSingleton<ReportFacts>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<ReferralSearch>();
        services.AddSingleton<SubjectAccess.PersonFinder>();
        services.AddSingleton<SubjectAccess.PersonRecords>();
        services.AddSingleton<SubjectAccess.Rectification>();
        services.AddSingleton<RetentionIndex>();
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<ReferralStore>();
        services.AddSingleton<ReferralEraser>();
        services.AddSingleton<Tombstones>();
        services.AddSingleton<LegalHolds>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<PendingRequestStore>();
        services.AddSingleton<ReferralKeyStore>();
        services.AddSingleton<ReferralSenderStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<ReferralEmails>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<RecipientMailLimit>();
        services.AddSingleton<ReferralNotifier>();
        services.AddSingleton<ReferralIntake>();
        services.AddSingleton<MissingJourneySweep>();
        services.AddSingleton<TaskWorklist>();
        services.AddSingleton<JourneyRequests>();
        services.AddSingleton<ServiceReporter>();
        services.AddSingleton<JourneyEmails>();
        return services;
    }

    private static StorageConnection Connected(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.Connection!;
}
