using System.Text;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RecoveryCoach.DurableTask.Tests;

/// <summary>host.json, in Durable Functions' own names, becomes the Azure Storage provider's settings.</summary>
public sealed class DurableTaskHubOptionsTests
{
    private const string HostJson = """
        {
          "extensions": {
            "durableTask": {
              "hubName": "ReferralsHub",
              "maxConcurrentOrchestratorFunctions": 7,
              "maxConcurrentActivityFunctions": 9,
              "extendedSessionsEnabled": true,
              "extendedSessionIdleTimeoutInSeconds": 45,
              "storageProvider": {
                "partitionCount": 2,
                "controlQueueBatchSize": 16,
                "controlQueueBufferThreshold": 100,
                "controlQueueVisibilityTimeout": "00:03:00",
                "workItemQueueVisibilityTimeout": "00:04:00",
                "maxQueuePollingInterval": "00:00:05",
                "useTablePartitionManagement": false
              }
            }
          }
        }
        """;

    private static readonly StorageAccountClientProvider Azurite = new(TestServers.StorageConnectionString);

    [Fact]
    public void ToSettings_FromHostJsonNames_GivesTheMatchingProviderSettings()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(HostJson))).Build();
        var options = configuration.GetSection("extensions:durableTask").Get<DurableTaskHubOptions>()!;
        options.StorageAccount = Azurite;

        var settings = options.ToSettings(NullLoggerFactory.Instance);

        settings.StorageAccountClientProvider.Should().BeSameAs(Azurite);

        settings.TaskHubName.Should().Be("ReferralsHub");
        settings.MaxConcurrentTaskOrchestrationWorkItems.Should().Be(7);
        settings.MaxConcurrentTaskActivityWorkItems.Should().Be(9);
        settings.ExtendedSessionsEnabled.Should().BeTrue();
        settings.ExtendedSessionIdleTimeout.Should().Be(TimeSpan.FromSeconds(45));
        settings.PartitionCount.Should().Be(2);
        settings.ControlQueueBatchSize.Should().Be(16);
        settings.ControlQueueBufferThreshold.Should().Be(100);
        settings.ControlQueueVisibilityTimeout.Should().Be(TimeSpan.FromMinutes(3));
        settings.WorkItemQueueVisibilityTimeout.Should().Be(TimeSpan.FromMinutes(4));
        settings.MaxQueuePollingInterval.Should().Be(TimeSpan.FromSeconds(5));
        settings.UseTablePartitionManagement.Should().BeFalse();
    }

    [Fact]
    public void ToSettings_WithNothingSet_UsesDurableFunctionsDefaults()
    {
        var settings = new DurableTaskHubOptions { StorageAccount = Azurite }.ToSettings(NullLoggerFactory.Instance);

        settings.PartitionCount.Should().Be(4);
        settings.ControlQueueBatchSize.Should().Be(32);
        settings.ControlQueueBufferThreshold.Should().Be(256);
        settings.MaxQueuePollingInterval.Should().Be(TimeSpan.FromSeconds(30));
        settings.ExtendedSessionsEnabled.Should().BeFalse();
        settings.UseTablePartitionManagement.Should().BeTrue();
        settings.MaxConcurrentTaskOrchestrationWorkItems.Should().Be(10 * Environment.ProcessorCount);
        settings.MaxConcurrentTaskActivityWorkItems.Should().Be(10 * Environment.ProcessorCount);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("referrals-hub")]
    [InlineData("1Referrals")]
    public async Task An_invalid_hub_name_fails_validation_when_the_host_starts(string hubName)
    {
        using var host = DurableTestHost.Build(_ => { }, configure: null, hubName);

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("hub name");
    }

    [Fact]
    public async Task A_partition_count_out_of_range_fails_validation_when_the_host_starts()
    {
        using var host = DurableTestHost.Build(_ => { }, hub => hub.StorageProvider.PartitionCount = 17, TestServers.NewTaskHub());

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(nameof(StorageProviderOptions.PartitionCount));
    }

    [Fact]
    public async Task A_host_that_gives_no_storage_account_fails_validation_when_the_host_starts()
    {
        using var host = DurableTestHost.Build(_ => { }, hub => hub.StorageAccount = null, TestServers.NewTaskHub());

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(nameof(DurableTaskHubOptions.StorageAccount));
    }
}
