using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Tests.Storage;

public class ReferralStoreTests : StorageTestBase
{
    private static readonly DateTimeOffset DecidedAt = TestReferrals.SubmittedAt;
    private static readonly DateTimeOffset Later = TestReferrals.SubmittedAt.AddMinutes(1);

    private readonly ReferralStore store;

    public ReferralStoreTests() => store = new ReferralStore(Service, Options);

    [Fact]
    public async Task CreateThenGet_AllocatedReferral_RoundTripsEveryField()
    {
        var referral = TestReferrals.Allocated(Team.Huntingdon) with
        {
            Eligibility = new EligibilityDecision(
                true,
                [
                    new CriterionResult("Aged 17 to 65", true, "The person is aged 17 to 65 on the date of referral."),
                    new CriterionResult("In secondary mental health services", true, "The person is in secondary mental health services."),
                ],
                "0123456789ab"),
        };
        var audit = AuditLines(12, DecidedAt);

        var created = await store.CreateAsync(referral, DecidedAt, audit, CancellationToken.None);
        var record = await store.GetAsync(referral.Id, CancellationToken.None);

        created.Should().BeTrue();
        record.Should().NotBeNull();
        record!.Referral.Should().BeEquivalentTo(referral, o => o.ComparingRecordsByMembers());
        record.DecidedAt.Should().Be(DecidedAt);
        record.Audit.Should().Equal(audit);
        record.Notifications.Should().BeEmpty();
    }

    [Fact]
    public async Task CreateThenGet_IneligibleReferralWithoutOptionalDetails_RoundTripsTheNulls()
    {
        var details = TestReferrals.Details() with
        {
            Person = TestReferrals.Details().Person with { NhsNumber = null, Email = null, GpPractice = null },
            Referrer = TestReferrals.Details().Referrer with { Organisation = null, Phone = null },
            CareCoordinator = null,
            ReadyToWorkTowardsDischarge = false,
        };
        var referral = TestReferrals.Ineligible(
            [
                new CriterionResult("Aged 17 to 65", true, "In range."),
                new CriterionResult("Ready to work towards discharge", false, "Not ready yet."),
            ],
            "fedcba987654",
            details);

        await store.CreateAsync(referral, DecidedAt, AuditLines(2, DecidedAt), CancellationToken.None);
        var record = await store.GetAsync(referral.Id, CancellationToken.None);

        record!.Referral.Should().BeEquivalentTo(referral, o => o.ComparingRecordsByMembers());
        record.Referral.Allocation.Should().BeNull();
        record.Referral.Details.CareCoordinator.Should().BeNull();
        record.Referral.Details.Person.NhsNumber.Should().BeNull();
    }

    [Fact]
    public async Task CreateThenGet_AwaitingTriage_KeepsTheAllocationWithoutATeam()
    {
        var referral = TestReferrals.AwaitingTriage();

        await store.CreateAsync(referral, DecidedAt, AuditLines(1, DecidedAt), CancellationToken.None);
        var record = await store.GetAsync(referral.Id, CancellationToken.None);

        record!.Referral.Allocation.Should().Be(referral.Allocation);
        record.Referral.Allocation!.NeedsTriage.Should().BeTrue();
    }

    [Fact]
    public async Task Create_SameIdTwice_ReturnsFalseAndChangesNothing()
    {
        var first = TestReferrals.Allocated(Team.Cambridge);
        await store.CreateAsync(first, DecidedAt, AuditLines(2, DecidedAt), CancellationToken.None);
        var before = await store.GetAsync(first.Id, CancellationToken.None);
        var twin = TestReferrals.Allocated(Team.PeterboroughAndFenland, id: first.Id) with
        {
            Reference = "RC-22222B",
            Details = TestReferrals.Details() with { Reason = "A different reason." },
        };

        var created = await store.CreateAsync(twin, Later, AuditLines(3, Later), CancellationToken.None);
        var after = await store.GetAsync(first.Id, CancellationToken.None);

        created.Should().BeFalse();
        after.Should().BeEquivalentTo(before, o => o.ComparingRecordsByMembers());
        after!.Referral.Should().BeEquivalentTo(first, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        await store.CreateAsync(TestReferrals.Allocated(Team.Cambridge), DecidedAt, AuditLines(1, DecidedAt), CancellationToken.None);

        var record = await store.GetAsync(TestReferrals.NewId(), CancellationToken.None);

        record.Should().BeNull();
    }

    [Fact]
    public async Task RecordNotifications_CurrentETag_RecordsThemAndAppendsTheAudit()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        var intakeAudit = AuditLines(2, DecidedAt);
        await store.CreateAsync(referral, DecidedAt, intakeAudit, CancellationToken.None);
        var current = await store.GetAsync(referral.Id, CancellationToken.None);
        NotificationRecord[] notifications =
        [
            new("acknowledgement-referrer", "referrer", true, Later, null),
            new("team-notice", "team inbox", false, Later, "The mail server could not be reached (ConnectionRefused)."),
        ];
        AuditEntry[] audit =
        [
            new(Later, "service", "email-sent", "Email acknowledgement-referrer sent to the referrer."),
            new(Later, "service", "email-failed", "Email team-notice to the team inbox failed."),
        ];

        await store.RecordNotificationsAsync(current!, notifications, audit, Later, CancellationToken.None);
        var after = await store.GetAsync(referral.Id, CancellationToken.None);

        after!.Notifications.Should().BeEquivalentTo(notifications);
        after.Audit.Should().Equal([.. intakeAudit, .. audit]);
        after.Referral.UpdatedAt.Should().Be(Later);
        after.Referral.SubmittedAt.Should().Be(referral.SubmittedAt);
        after.ETag.Should().NotBe(current!.ETag);
    }

    [Fact]
    public async Task RecordNotifications_TwiceWithFreshETags_AppendsBothAuditsInOrder()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        var intakeAudit = AuditLines(2, DecidedAt);
        await store.CreateAsync(referral, DecidedAt, intakeAudit, CancellationToken.None);
        AuditEntry firstAudit = new(Later, "service", "email-failed", "First try failed.");
        AuditEntry secondAudit = new(Later.AddMinutes(5), "service", "email-sent", "Second try sent.");
        var current = await store.GetAsync(referral.Id, CancellationToken.None);
        await store.RecordNotificationsAsync(current!, [new("team-notice", "team inbox", false, Later, "Failed.")], [firstAudit], Later, CancellationToken.None);
        current = await store.GetAsync(referral.Id, CancellationToken.None);

        await store.RecordNotificationsAsync(current!, [new("team-notice", "team inbox", true, Later.AddMinutes(5), null)], [secondAudit], Later.AddMinutes(5), CancellationToken.None);
        var after = await store.GetAsync(referral.Id, CancellationToken.None);

        after!.Audit.Should().Equal([.. intakeAudit, firstAudit, secondAudit]);
        after.Notifications.Should().Equal(new NotificationRecord("team-notice", "team inbox", true, Later.AddMinutes(5), null));
    }

    [Fact]
    public async Task RecordNotifications_StaleETag_ThrowsConflictAndWritesNothing()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await store.CreateAsync(referral, DecidedAt, AuditLines(2, DecidedAt), CancellationToken.None);
        var stale = await store.GetAsync(referral.Id, CancellationToken.None);
        await store.RecordNotificationsAsync(
            stale!,
            [new("acknowledgement-referrer", "referrer", true, Later, null)],
            [new(Later, "service", "email-sent", "Email acknowledgement-referrer sent to the referrer.")],
            Later,
            CancellationToken.None);
        var before = await store.GetAsync(referral.Id, CancellationToken.None);

        var act = () => store.RecordNotificationsAsync(
            stale!,
            [new("team-notice", "team inbox", true, Later.AddMinutes(1), null)],
            [new(Later.AddMinutes(1), "service", "email-sent", "Email team-notice sent to the team inbox.")],
            Later.AddMinutes(1),
            CancellationToken.None);

        await act.Should().ThrowAsync<ReferralConflictException>();
        var after = await store.GetAsync(referral.Id, CancellationToken.None);
        after.Should().BeEquivalentTo(before, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task RecordNotifications_StaleETagWithNoAuditLines_ThrowsConflictAndWritesNothing()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await store.CreateAsync(referral, DecidedAt, AuditLines(2, DecidedAt), CancellationToken.None);
        var stale = await store.GetAsync(referral.Id, CancellationToken.None);
        await store.RecordNotificationsAsync(stale!, [new("acknowledgement-referrer", "referrer", true, Later, null)], [], Later, CancellationToken.None);
        var before = await store.GetAsync(referral.Id, CancellationToken.None);

        var act = () => store.RecordNotificationsAsync(stale!, [new("team-notice", "team inbox", true, Later, null)], [], Later.AddMinutes(1), CancellationToken.None);

        await act.Should().ThrowAsync<ReferralConflictException>();
        var after = await store.GetAsync(referral.Id, CancellationToken.None);
        after.Should().BeEquivalentTo(before, o => o.ComparingRecordsByMembers());
    }

    [Fact]
    public async Task AppendAudit_FiftyAtOnceFromOneRead_RecordsEveryLineAfterTheOnesRead()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        var intakeAudit = AuditLines(2, DecidedAt);
        await store.CreateAsync(referral, DecidedAt, intakeAudit, CancellationToken.None);
        var read = await store.GetAsync(referral.Id, CancellationToken.None);
        var views = Enumerable.Range(1, 50).Select(i => new AuditEntry(Later, $"staff {i}", "viewed", "Referral page viewed.")).ToList();

        await Task.WhenAll(views.Select(view => store.AppendAuditAsync(read!, view, CancellationToken.None)));
        var after = await store.GetAsync(referral.Id, CancellationToken.None);

        after!.Audit.Should().HaveCount(52);
        after.Audit.Take(2).Should().Equal(intakeAudit);
        after.Audit.Skip(2).Should().BeEquivalentTo(views);
    }

    [Fact]
    public async Task Get_AuditRowsKeyedByTheirNumberAlone_ReadInOrderWithTheLinesAddedAfter()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        await store.CreateAsync(referral, DecidedAt, [], CancellationToken.None);
        var table = Service.GetTableClient(Options.Value.TablePrefix + "Referrals");
        var old = AuditLines(11, DecidedAt);
        foreach (var (line, i) in old.Select((line, i) => (line, i)))
        {
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(referral.Id, $"audit-{i:D6}") { ["At"] = line.At, ["Actor"] = line.Actor, ["Action"] = line.Action, ["Detail"] = line.Detail });
        }

        AuditEntry added = new(Later, "journey", "task-created", "Task created.");
        AuditEntry viewed = new(Later.AddMinutes(1), "staff", "viewed", "Referral page viewed.");
        await store.ApplyAsync(referral.Id, "step", Later, current => (current.Referral, [added]), CancellationToken.None);
        await store.AppendAuditAsync((await store.GetAsync(referral.Id, CancellationToken.None))!, viewed, CancellationToken.None);
        var after = await store.GetAsync(referral.Id, CancellationToken.None);

        after!.Audit.Should().Equal([.. old, added, viewed]);
    }

    private static List<AuditEntry> AuditLines(int count, DateTimeOffset at) =>
        [.. Enumerable.Range(1, count).Select(i => new AuditEntry(at, $"actor {i}", $"action-{i}", $"Line {i} of {count}."))];
}
