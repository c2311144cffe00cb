using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Durable;

namespace RecoveryCoach.Referrals.Tests.Storage;

/// <summary>
/// Real Azurite tables under a task hub of this test's own, so tests running in parallel never
/// see each other's rows. The tables are deleted afterwards.
/// </summary>
public abstract class StorageTestBase : IAsyncLifetime
{
    protected StorageTestBase()
    {
        Service = new TableServiceClient(TestServers.StorageConnectionString);
        Options = Microsoft.Extensions.Options.Options.Create(new DurableTaskOptions
        {
            ConnectionString = TestServers.StorageConnectionString,
            HubName = TestServers.NewTaskHub(),
        });
    }

    protected TableServiceClient Service { get; }

    protected IOptions<DurableTaskOptions> Options { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Service.DeleteTableAsync(Options.Value.HubName + "Referrals");
        await Service.DeleteTableAsync(Options.Value.HubName + "ReferralKeys");
        await Service.DeleteTableAsync(Options.Value.HubName + "Tasks");
        await Service.DeleteTableAsync(Options.Value.HubName + "RulesetVersions");
    }
}
