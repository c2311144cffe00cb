using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Tests;

namespace RecoveryCoach.Cli.Tests;

/// <summary><c>caseload rebuild</c> against a real Azurite, for referrals stored before the index and the report facts existed.</summary>
public sealed class CaseloadRebuildTests : IAsyncLifetime
{
    private readonly string hub = TestServers.NewTaskHub();
    private readonly TableServiceClient service = new(TestServers.StorageConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in new[] { "Referrals", "Tasks", "Caseload", "ReportFacts" })
        {
            await service.DeleteTableAsync(hub + table);
        }
    }

    [Fact]
    public async Task Referrals_stored_without_the_index_are_listed_and_found_after_a_rebuild_and_a_second_run_changes_nothing()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { Connection = StorageConnection.FromConnectionString(TestServers.StorageConnectionString), TablePrefix = hub });
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        UkPostcode.TryParse("CB1 2AB", out var postcode).Should().BeTrue();
        var details = new ReferralDetails(
            new PersonDetails("Marguerite", "Ollerenshaw", new DateOnly(1980, 2, 2), null, null, "01632 960 123", postcode!, null),
            new ReferrerDetails(ReferrerRelationship.Self, null, null, null, null),
            null,
            true,
            true,
            true,
            "Worried about the end of appointments.");
        var referral = new Referral(Guid.NewGuid().ToString("N"), "RC-REBLD1", ReferralStatus.Allocated, details, at, at, null, new AllocationDecision(Team.Cambridge, "Cambridge", "By postcode.", "0123456789ab"));
        await new ReferralStore(service, options).CreateAsync(referral, at, [], CancellationToken.None);
        await new TaskStore(service, options).CreateAsync(new CoachTask("t1", referral.Id, referral.Reference, CoachTaskType.InitialConversation, "cambridge", null, CoachTaskStatus.Open, at, at.AddDays(5), null, null, null, null), CancellationToken.None);
        var index = new CaseloadIndex(service, options, NullLogger<CaseloadIndex>.Instance);

        var run = await Cli.RunAsync("caseload", "rebuild", "--hub", hub, "--connection", TestServers.StorageConnectionString);
        var again = await Cli.RunAsync("caseload", "rebuild", "--hub", hub, "--connection", TestServers.StorageConnectionString);

        run.Code.Should().Be(0, run.Error);
        run.Output.Should().Contain("1 referral written.");
        again.Code.Should().Be(0, again.Error);
        var line = (await index.OpenAsync("cambridge", CancellationToken.None)).Should().ContainSingle().Subject;
        line.NextTask!.Id.Should().Be("t1");
        line.Name.Should().Be("Marguerite Ollerenshaw");
        (await index.FindAsync("cambridge", SearchQuery.Parse("olle marg", out _)!, CancellationToken.None)).Should().ContainSingle();
        (await index.FindAsync("cambridge", SearchQuery.Parse("01632 960123", out _)!, CancellationToken.None)).Should().ContainSingle();
        ReportPeriod.TryCustom(DateOnly.FromDateTime(at.UtcDateTime).AddDays(-1), DateOnly.FromDateTime(at.UtcDateTime).AddDays(1), out var around).Should().BeTrue();
        var facts = await new ReportFacts(service, options, NullLogger<ReportFacts>.Instance).ReadAsync(ReportEvent.Received, around, "cambridge", CancellationToken.None);
        facts.Should().ContainSingle().Which.Relationship.Should().Be("self");
    }

    [Fact]
    public async Task An_unknown_caseload_verb_is_a_usage_error()
    {
        var run = await Cli.RunAsync("caseload", "shred");

        run.Code.Should().Be(CliApp.Usage);
        run.Error.Should().Contain("unknown verb \"shred\"").And.Contain("caseload rebuild");
    }
}
