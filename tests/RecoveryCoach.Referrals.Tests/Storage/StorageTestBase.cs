using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;

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
        Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            Connection = StorageConnection.FromConnectionString(TestServers.StorageConnectionString),
            TablePrefix = TestServers.NewTaskHub(),
        });
    }

    protected TableServiceClient Service { get; }

    protected IOptions<StorageOptions> Options { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "Referrals");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "ReferralKeys");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "Tasks");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "RulesetVersions");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "MailCounts");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "Caseload");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "AccessLog");
        await Service.DeleteTableAsync(Options.Value.TablePrefix + "ReportFacts");
    }
}
