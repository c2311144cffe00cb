using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecoveryCoach.DurableTask;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Hosting;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Web.Tests.Hosting;

public sealed class StartupTests : IDisposable
{
    private readonly string rules = Directory.CreateTempSubdirectory("rules-").FullName;

    public StartupTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rules"), "*.json"))
        {
            File.Copy(file, Path.Combine(rules, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(rules, recursive: true);

    [Fact]
    public async Task A_rule_file_with_a_broken_expression_stops_startup_naming_the_file_and_the_rule()
    {
        var path = Path.Combine(rules, Ruleset.EligibilityFile);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("referral.ReadyToWorkTowardsDischarge", "referral.ReadyToWorkTowardDischarge", StringComparison.Ordinal));
        await using var factory = new ReferralServiceFactory { RulesPath = rules };

        var start = () => factory.CreateClient();

        start.Should().Throw<RulesetException>()
            .Which.Message.Should().Contain("eligibility.json:Ready to work towards discharge").And.Contain("ReadyToWorkTowardDischarge");
    }

    [Fact]
    public async Task A_malformed_rule_file_stops_startup_naming_the_file()
    {
        await File.WriteAllTextAsync(Path.Combine(rules, Ruleset.AllocationFile), "{ \"WorkflowName\": \"Allocation\", \"Rules\": [ ");
        await using var factory = new ReferralServiceFactory { RulesPath = rules };

        var start = () => factory.CreateClient();

        start.Should().Throw<RulesetException>().Which.Message.Should().Contain("allocation.json");
    }

    [Fact]
    public async Task The_task_hub_name_comes_from_host_json_and_prefixes_the_tables()
    {
        await using var factory = new ReferralServiceFactory { OwnTaskHub = false };
        factory.CreateClient();

        factory.Services.GetRequiredService<IConfiguration>()[HostJsonConfiguration.HubName].Should().Be("RecoveryCoach");
        factory.Services.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value.HubName.Should().Be("RecoveryCoach");
        factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix.Should().Be("RecoveryCoach");
    }

    [Fact]
    public async Task An_app_setting_overrides_host_json_as_in_azure_functions()
    {
        await using var factory = new ReferralServiceFactory();
        factory.CreateClient();

        factory.Services.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value.HubName.Should().Be(factory.TaskHub);
        factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix.Should().Be(factory.TaskHub);
    }

    [Fact]
    public async Task The_durable_engine_takes_its_settings_from_host_json_in_durable_functions_names_and_the_hub_override()
    {
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "host.json")))!["extensions"]!["durableTask"]!;
        await using var factory = new ReferralServiceFactory();
        factory.CreateClient();

        var durable = factory.Services.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value;
        var settings = durable.ToSettings(NullLoggerFactory.Instance);
        settings.TaskHubName.Should().Be(factory.TaskHub);
        settings.WorkerId.Should().Be($"{Environment.MachineName}-{Environment.ProcessId}", "two worker processes on one machine must not share a name in the partition table");
        settings.PartitionCount.Should().Be(hostJson["storageProvider"]!["partitionCount"]!.GetValue<int>());
        settings.MaxQueuePollingInterval.Should().Be(TimeSpan.Parse(hostJson["storageProvider"]!["maxQueuePollingInterval"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        settings.ExtendedSessionsEnabled.Should().Be(hostJson["extendedSessionsEnabled"]?.GetValue<bool>() ?? false);
        settings.MaxConcurrentTaskOrchestrationWorkItems.Should().Be(hostJson["maxConcurrentOrchestratorFunctions"]!.GetValue<int>());
        settings.MaxConcurrentTaskActivityWorkItems.Should().Be(hostJson["maxConcurrentActivityFunctions"]!.GetValue<int>());
        var azurite = StorageConnection.FromConnectionString(TestServers.StorageConnectionString);
        settings.StorageAccountClientProvider!.Table.CreateClient(settings.StorageAccountClientProvider.Table.CreateOptions()).Uri.Should().Be(azurite.TableServiceUri);
        settings.StorageAccountClientProvider.Queue.CreateClient(settings.StorageAccountClientProvider.Queue.CreateOptions()).Uri.Should().Be(azurite.QueueServiceUri);
    }

    [Fact]
    public async Task A_missing_team_inbox_stops_startup()
    {
        await using var factory = new ReferralServiceFactory().WithWebHostBuilder(b => b.UseSetting("Notifications:TeamInboxes:huntingdon", ""));

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("huntingdon");
    }
}
