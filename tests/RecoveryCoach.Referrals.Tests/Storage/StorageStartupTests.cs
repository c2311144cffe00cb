using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RecoveryCoach.Referrals.Tests.Storage;

/// <summary>
/// A host that registers the referrals, as the Functions app does, with no default storage:
/// a missing or malformed <c>AzureWebJobsStorage</c> stops start-up, naming the setting, rather
/// than fail the first referral.
/// </summary>
public sealed class StorageStartupTests
{
    [Fact]
    public async Task With_no_storage_setting_the_host_does_not_start_and_says_which_settings_it_takes()
    {
        using var host = Host([]);

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("AzureWebJobsStorage is not set").And.Contain("AzureWebJobsStorage__accountName").And.Contain("AzureWebJobsStorage__tableServiceUri");
    }

    [Fact]
    public async Task With_a_malformed_service_uri_the_host_does_not_start_and_names_it()
    {
        using var host = Host(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://rcuk.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://rcuk.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https//rcuk.table.core.windows.net",
        });

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("AzureWebJobsStorage__tableServiceUri must be an absolute https URI");
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddReferrals(builder.Configuration, storage => storage.TablePrefix = TestServers.NewTaskHub());
        return builder.Build();
    }
}
