using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Search;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Caseload;

/// <summary>The caseload index against Azurite, kept in step through the referral and task stores as the service keeps it.</summary>
public sealed class CaseloadIndexTests : StorageTestBase
{
    private static readonly DateTimeOffset Now = TestReferrals.SubmittedAt.AddDays(2);

    private readonly CaseloadIndex index;
    private readonly ReferralStore referrals;
    private readonly TaskStore tasks;

    public CaseloadIndexTests()
    {
        index = new CaseloadIndex(Service, Options, NullLogger<CaseloadIndex>.Instance);
        referrals = new ReferralStore(Service, Options, index);
        tasks = new TaskStore(Service, Options, index);
    }

    [Theory]
    [InlineData("RC-7K3M9Q")]
    [InlineData("Quackenbush")]
    [InlineData("zeph QUACK")]
    [InlineData("12/04/1990")]
    [InlineData("943 476 5919")]
    [InlineData("cb21 5ef")]
    [InlineData("person@example.com")]
    [InlineData("07700900982")]
    public async Task A_stored_referral_is_found_by_each_kind_of_key_in_its_team_and_no_other(string typed)
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await referrals.CreateAsync(referral, Now, [], CancellationToken.None);
        var query = SearchQuery.Parse(typed, out _)!;

        var inTeam = await index.FindAsync("cambridge", query, CancellationToken.None);
        var elsewhere = await index.FindAsync("huntingdon", query, CancellationToken.None);
        var noTeam = await index.FindAsync(null, query, CancellationToken.None);

        inTeam.Should().ContainSingle().Which.ReferralId.Should().Be(referral.Id);
        elsewhere.Should().BeEmpty();
        noTeam.Should().BeEmpty();
    }

    [Fact]
    public async Task A_name_matches_only_when_every_word_starts_a_part_of_it()
    {
        var zephyrina = TestReferrals.Allocated(Team.Cambridge);
        var other = TestReferrals.Allocated(Team.Cambridge) with { Details = TestReferrals.Details() with { Person = TestReferrals.Details().Person with { GivenName = "Zephyr", FamilyName = "Jones" } } };
        await referrals.CreateAsync(zephyrina, Now, [], CancellationToken.None);
        await referrals.CreateAsync(other, Now, [], CancellationToken.None);

        var both = await index.FindAsync("cambridge", SearchQuery.Parse("zeph", out _)!, CancellationToken.None);
        var one = await index.FindAsync("cambridge", SearchQuery.Parse("zeph jo", out _)!, CancellationToken.None);
        var none = await index.FindAsync("cambridge", SearchQuery.Parse("zephyrina jones", out _)!, CancellationToken.None);

        both.Select(e => e.ReferralId).Should().BeEquivalentTo([zephyrina.Id, other.Id]);
        one.Should().ContainSingle().Which.ReferralId.Should().Be(other.Id);
        none.Should().BeEmpty();
    }

    [Fact]
    public async Task Tasks_opened_claimed_and_done_are_the_lines_next_due_and_a_closed_referral_leaves_the_list()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await referrals.CreateAsync(referral, Now, [], CancellationToken.None);
        var conversation = Task("t1", CoachTaskType.InitialConversation, referral.Id, dueInDays: 3);
        var checkIn = Task("t2", CoachTaskType.CheckIn, referral.Id, dueInDays: 1);

        await tasks.CreateAsync(conversation, CancellationToken.None);
        await tasks.CreateAsync(checkIn, CancellationToken.None);
        var (stored, etag) = (await tasks.GetAsync("t2", "cambridge", CancellationToken.None))!.Value;
        etag = await tasks.UpdateAsync(stored with { Assignee = "casey@cpft.nhs.uk" }, etag, CancellationToken.None);
        var afterClaim = (await index.OpenAsync("cambridge", CancellationToken.None)).Single();
        await tasks.UpdateAsync(stored with { Assignee = "casey@cpft.nhs.uk", Status = CoachTaskStatus.Done }, etag, CancellationToken.None);
        var afterDone = (await index.OpenAsync("cambridge", CancellationToken.None)).Single();
        await referrals.ApplyAsync(referral.Id, "closed", Now, current => (current.Referral with { Status = ReferralStatus.Closed }, []), CancellationToken.None);
        var afterClosing = await index.OpenAsync("cambridge", CancellationToken.None);

        afterClaim.NextTask.Should().Be(new OpenTask("t2", CoachTaskType.CheckIn, checkIn.DueAt, "casey@cpft.nhs.uk"));
        afterClaim.OpenTasks.Should().HaveCount(2);
        afterDone.NextTask!.Id.Should().Be("t1");
        afterClosing.Should().BeEmpty();
        (await index.FindAsync("cambridge", SearchQuery.Parse("RC-7K3M9Q", out _)!, CancellationToken.None)).Should().ContainSingle("a closed referral is still found")
            .Which.Status.Should().Be(ReferralStatus.Closed);
    }

    [Fact]
    public async Task A_referral_given_a_team_at_triage_moves_to_that_team_without_its_triage_task()
    {
        var referral = TestReferrals.AwaitingTriage();
        await referrals.CreateAsync(referral, Now, [], CancellationToken.None);
        await tasks.CreateAsync(Task("triage", CoachTaskType.Triage, referral.Id, team: null), CancellationToken.None);
        var inTriage = await index.OpenAsync(null, CancellationToken.None);

        var team = new AllocationDecision(Team.Huntingdon, Team.Huntingdon.Name, "Chosen by a team lead.", "0123456789ab");
        await referrals.ApplyAsync(referral.Id, "triaged", Now, current => (current.Referral with { Status = ReferralStatus.Allocated, Allocation = team }, []), CancellationToken.None);

        inTriage.Should().ContainSingle().Which.Stage.Should().Be(CaseloadStage.Triage);
        (await index.OpenAsync(null, CancellationToken.None)).Should().BeEmpty();
        var moved = (await index.OpenAsync("huntingdon", CancellationToken.None)).Should().ContainSingle().Subject;
        moved.OpenTasks.Should().BeEmpty();
        moved.Stage.Should().Be(CaseloadStage.FirstContact);
        (await index.FindAsync(null, SearchQuery.Parse("quackenbush", out _)!, CancellationToken.None)).Should().BeEmpty("its keys moved with it");
        (await index.FindAsync("huntingdon", SearchQuery.Parse("quackenbush", out _)!, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_unchanged_referral_costs_no_write()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await referrals.CreateAsync(referral, Now, [], CancellationToken.None);
        var before = await LineAsync("cambridge", referral.Id);

        await index.ReferralChangedAsync(referral, CancellationToken.None);

        (await LineAsync("cambridge", referral.Id)).ETag.Should().Be(before.ETag);
    }

    [Fact]
    public async Task A_referral_stored_without_the_index_is_listed_and_found_once_rebuilt()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await new ReferralStore(Service, Options).CreateAsync(referral, Now, [], CancellationToken.None);
        var before = await index.OpenAsync("cambridge", CancellationToken.None);

        await index.RebuildAsync(referral, [new OpenTask("t1", CoachTaskType.InitialConversation, Now, null)], CancellationToken.None);

        before.Should().BeEmpty();
        (await index.OpenAsync("cambridge", CancellationToken.None)).Should().ContainSingle().Which.NextTask!.Id.Should().Be("t1");
        (await index.FindAsync("cambridge", SearchQuery.Parse("quackenbush", out _)!, CancellationToken.None)).Should().ContainSingle();
    }

    private async Task<TableEntity> LineAsync(string partition, string id) =>
        (await Service.GetTableClient(Options.Value.TablePrefix + "Caseload").GetEntityAsync<TableEntity>(partition, id)).Value;

    private static CoachTask Task(string id, CoachTaskType type, string referralId, string? team = "cambridge", int dueInDays = 2) =>
        new(id, referralId, "RC-7K3M9Q", type, team, null, CoachTaskStatus.Open, Now, Now.AddDays(dueInDays), null, null, null, null);
}
