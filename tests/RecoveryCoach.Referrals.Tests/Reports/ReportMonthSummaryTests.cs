using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Reports;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Reports;

/// <summary>
/// A month's report facts are read from one summary row until a fact of that month changes,
/// against Azurite. Rows are removed behind the store's back here only to tell which was read.
/// </summary>
public sealed class ReportMonthSummaryTests : StorageTestBase
{
    private static readonly DateTimeOffset InJuly = new(2025, 7, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ReferralStore referrals;
    private readonly ReportFacts facts;

    public ReportMonthSummaryTests()
    {
        facts = new ReportFacts(Service, Options, NullLogger<ReportFacts>.Instance);
        referrals = new ReferralStore(Service, Options, new CaseloadIndex(Service, Options, NullLogger<CaseloadIndex>.Instance), facts);
    }

    private TableClient Table => Service.GetTableClient(Options.Value.TablePrefix + "ReportFacts");

    [Fact]
    public async Task A_month_is_read_from_its_summary_until_one_of_its_facts_changes()
    {
        var three = Enumerable.Range(0, 3).Select(i => TestReferrals.Allocated(Team.Huntingdon) with { SubmittedAt = InJuly.AddHours(i) }).ToList();
        foreach (var referral in three)
        {
            await referrals.CreateAsync(referral, referral.SubmittedAt, [], CancellationToken.None);
        }

        (await ReceivedAsync()).Should().HaveCount(3);
        var summary = (await Table.GetEntityAsync<TableEntity>("received-2025-07", "~summary")).Value;
        var version = (await Table.GetEntityAsync<TableEntity>("received-2025-07", "~version")).Value;
        summary.GetString("Version").Should().Be(version.GetString("Version"));
        ReportMonthRows.FactsOf(summary, version.GetString("Version")!).Should().HaveCount(3)
            .And.OnlyContain(f => f.ReferralId.Length == 0 && f.Reference.Length == 0, "a summary names no referral");

        await Table.DeleteEntityAsync("received-2025-07", three[0].Id, ETag.All);
        (await ReceivedAsync()).Should().HaveCount(3, "no fact of July changed through the store, so its summary is read");

        var contactedAt = InJuly.AddDays(2);
        await referrals.ApplyAsync(three[1].Id, "contacted", contactedAt, r => (r.Referral with { FirstContactAt = contactedAt }, []), CancellationToken.None);
        var now = await ReceivedAsync();

        now.Should().HaveCount(2, "a change to July's facts makes its summary out of date, so the facts are read again");
        now.Should().ContainSingle(f => f.FirstContactAt == contactedAt);
    }

    [Fact]
    public async Task A_month_whose_facts_were_written_without_a_version_is_read_from_its_facts()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge) with { SubmittedAt = InJuly };
        var row = ReportFactRows.ToEntity(ReferralFacts.From(referral), ReportEvent.Received, new DateOnly(2025, 7, 2));
        await Table.CreateIfNotExistsAsync();
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace);

        var read = await ReceivedAsync();

        read.Should().ContainSingle().Which.Team.Should().Be("cambridge");
        (await Table.GetEntityAsync<TableEntity>("received-2025-07", "~summary")).Value.GetString("Version").Should().BeEmpty();
    }

    [Fact]
    public void A_summary_too_large_for_one_property_is_kept_in_parts_and_read_back_whole()
    {
        var random = new Random(20251203);
        var many = Enumerable.Range(0, 6000).Select(i => ReferralFacts.From(TestReferrals.Allocated(Team.Cambridge)) with
        {
            ReceivedAt = InJuly.AddMinutes(random.Next(0, 40000)),
            FirstContactAt = InJuly.AddMinutes(random.Next(40000, 80000)),
            UnmetCriteria = [Guid.NewGuid().ToString("N")],
        }).ToList();

        var row = ReportMonthRows.Summary("received-2025-07", "v1", many);

        row.Should().NotBeNull();
        row!.GetInt32("Parts").Should().BeGreaterThan(1);
        ReportMonthRows.FactsOf(row, "v1").Should().BeEquivalentTo(many.Select(ReportMonthRows.Unnamed), o => o.WithStrictOrdering());
        ReportMonthRows.FactsOf(row, "v2").Should().BeNull("a summary of another version is out of date");
    }

    private Task<IReadOnlyList<ReferralFacts>> ReceivedAsync() =>
        facts.ReadAsync(ReportEvent.Received, ReportSample.Quarter, team: null, CancellationToken.None);
}
