using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tests.Rules;
using RecoveryCoach.Testing.Seeding;

namespace RecoveryCoach.Referrals.Tests.Seeding;

/// <summary>The seeded store written to Azurite through the service's own stores, and read back as the service reads it.</summary>
public sealed class SeededStoreTests : IAsyncLifetime
{
    private readonly string hub = TestServers.NewTaskHub();
    private readonly TableServiceClient service = new(TestServers.StorageConnectionString);

    [Fact]
    public async Task Written_referrals_and_their_tasks_read_back_as_generated_and_the_caseload_lists_the_open_ones()
    {
        // Referrals of the last four months, so that some are still open.
        var now = DateTimeOffset.UtcNow;
        var generated = await SeededReferrals.GenerateAsync(seed: 3, count: 1_500, now, ShippedRules.Ruleset);
        var seeded = generated.Where(s => s.Referral.SubmittedAt > now.AddDays(-120)).ToList();
        await using var store = SeededStore.Open(TestServers.StorageConnectionString, hub);
        var progress = new List<int>();

        await store.WriteAsync(seeded, ShippedRules.Ruleset, inParallel: 8, new Progress<int>(progress.Add), CancellationToken.None);

        seeded.Should().Contain(s => !s.Referral.IsFinished).And.Contain(s => s.Referral.IsFinished);
        foreach (var expected in seeded)
        {
            var record = await store.Referrals.GetAsync(expected.Referral.Id, CancellationToken.None);
            record.Should().NotBeNull(expected.Referral.Reference);
            record!.Referral.Should().BeEquivalentTo(expected.Referral, o => o.ComparingRecordsByMembers().Excluding(r => r.DeleteAfter));
            (record.Referral.DeleteAfter is not null).Should().Be(expected.Referral.IsFinished, "the store dates a finished referral for deletion, as the service does");
            record.DecidedAt.Should().Be(expected.DecidedAt);
            record.Audit.Should().Equal(expected.Audit);
            foreach (var task in expected.Tasks)
            {
                (await store.Tasks.GetAsync(task.Id, task.Team, CancellationToken.None))!.Value.Task.Should().Be(task);
            }
        }

        var caseload = new CaseloadIndex(service, Options.Create(new StorageOptions { TablePrefix = hub }), NullLogger<CaseloadIndex>.Instance);
        var listed = new List<CaseloadEntry>();
        foreach (var team in Team.All.Select(t => (string?)t.Code).Append(null))
        {
            listed.AddRange(await caseload.OpenAsync(team, CancellationToken.None));
        }

        listed.Select(e => e.ReferralId).Should().BeEquivalentTo(seeded.Where(s => !s.Referral.IsFinished).Select(s => s.Referral.Id));
        foreach (var entry in listed)
        {
            entry.OpenTasks.Select(t => t.Id).Should().BeEquivalentTo(seeded.Single(s => s.Referral.Id == entry.ReferralId).OpenTasks.Select(t => t.Id));
        }
    }

    [Fact]
    public async Task Writing_the_same_referrals_again_adds_nothing()
    {
        var seeded = await SeededReferrals.GenerateAsync(seed: 4, count: 40, DateTimeOffset.UtcNow, ShippedRules.Ruleset);
        await using var store = SeededStore.Open(TestServers.StorageConnectionString, hub);
        await store.WriteAsync(seeded, ShippedRules.Ruleset, 4, null, CancellationToken.None);

        await store.WriteAsync(seeded, ShippedRules.Ruleset, 4, null, CancellationToken.None);

        var record = await store.Referrals.GetAsync(seeded[^1].Referral.Id, CancellationToken.None);
        record!.Audit.Should().Equal(seeded[^1].Audit);
        var rows = service.GetTableClient(hub + "Tasks").QueryAsync<TableEntity>(select: ["RowKey"]);
        var count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        count.Should().Be(seeded.Sum(s => s.Tasks.Count));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in new[] { "Referrals", "ReferralKeys", "Tasks", "RulesetVersions", "Caseload", "ReportFacts" })
        {
            await service.DeleteTableAsync(hub + table);
        }
    }
}
