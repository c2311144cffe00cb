using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoveryCoach.Durable;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Intake;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Rules.Live;
using RecoveryCoach.Referrals.Rules.Versions;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals;

public static class ReferralsServiceCollectionExtensions
{
    /// <summary>
    /// Registers referral intake with its rules, storage and mail. Settings are validated when
    /// the host starts, so a missing inbox or a bad port stops start-up instead of a referral.
    /// </summary>
    /// <param name="durable">
    /// Binds the durable runtime's settings (the <c>durableTask</c> section of host.json). Its
    /// storage account and task hub hold the referral tables too, named after the hub.
    /// </param>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskOptions> durable)
    {
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TableServiceClient(sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.ConnectionString));
        services.AddSingleton<RulesInForce>();
        services.AddSingleton<RulesetVersionStore>();
        services.AddHostedService<RulesetWatcher>();
        services.AddSingleton<ReferralStore>();
        services.AddSingleton<ReferralKeyStore>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<ReferralEmails>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<ReferralNotifier>();
        services.AddSingleton<ReferralIntake>();
        services.AddSingleton<TaskWorklist>();
        services.AddSingleton<JourneyRequests>();
        services.AddSingleton<CaseloadReporter>();
        services.AddSingleton<JourneyEmails>();
        services.AddDurableTask(durable, registry => registry
            .AddOrchestrator<ReferralOrchestrator>(ReferralOrchestrator.Name, ReferralOrchestrator.Version)
            .AddActivity<DecideReferralActivity>()
            .AddActivity<SendAcknowledgementsActivity>()
            .AddActivity<CreateTaskActivity>()
            .AddActivity<FollowUpTaskActivity>()
            .AddActivity<RecordTaskOutcomeActivity>()
            .AddActivity<RecordDischargeActivity>()
            .AddActivity<SendJourneyEmailsActivity>()
            .AddActivity<CloseReferralActivity>());
        return services;
    }
}
