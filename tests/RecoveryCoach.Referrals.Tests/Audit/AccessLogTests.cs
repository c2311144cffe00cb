using Azure.Data.Tables;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Audit;

/// <summary>
/// The access log against Azurite: every row twice (the referral's and the month's), newest first,
/// found by member and period across months, and nothing of a referral left after its deletion.
/// </summary>
public sealed class AccessLogTests : StorageTestBase
{
    private static readonly StaffMember Coach = new("casey.coach@cpft.nhs.uk", "Casey Coach", StaffRole.Coach, "cambridge");
    private static readonly StaffMember Admin = new("ada.admin@cpft.nhs.uk", "Ada Admin", StaffRole.Admin, null);
    private static readonly DateTimeOffset May31 = new(2025, 5, 31, 23, 30, 0, TimeSpan.Zero);

    private readonly AccessLog log;

    public AccessLogTests() => log = new AccessLog(Service, Options);

    [Fact]
    public async Task Record_AViewOfAReferral_IsReadNewestFirstFromTheReferralAndFromItsUkMonth()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        var first = AccessEntry.Of(Coach, "10.0.0.1", May31, AccessActions.Viewed, "referral page", referral);
        var second = AccessEntry.Of(Admin, "10.0.0.2", May31.AddMinutes(1), AccessActions.Viewed, "referral page", referral);

        await log.RecordAsync(first, CancellationToken.None);
        await log.RecordAsync(second, CancellationToken.None);
        var own = await log.ForReferralAsync(referral.Id, CancellationToken.None);
        var june = await log.MonthAsync(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero), CancellationToken.None);

        own.Should().BeEquivalentTo([second, first], o => o.WithStrictOrdering());
        june.Should().BeEquivalentTo([second, first], o => o.WithStrictOrdering(), "23:30 UTC on 31 May is June in the UK's summer time");
        first.OutOfTeam.Should().BeFalse();
        second.OutOfTeam.Should().BeTrue("an admin belongs to no team");
    }

    [Fact]
    public async Task Query_ByMemberAndPeriod_FindsOnlyTheirRowsOnThoseUkDaysAcrossMonthsAndSaysWhenMoreMatched()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge);
        var days = new[] { new DateOnly(2025, 4, 30), new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 20), new DateOnly(2025, 6, 2) };
        foreach (var day in days)
        {
            var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
            await log.RecordAsync(AccessEntry.Of(Coach, "10.0.0.1", noon, AccessActions.Viewed, $"on {day:yyyy-MM-dd}", referral), CancellationToken.None);
            await log.RecordAsync(AccessEntry.Of(Admin, "10.0.0.2", noon, AccessActions.Viewed, $"admin on {day:yyyy-MM-dd}", referral), CancellationToken.None);
        }

        var caseys = await log.QueryAsync(new AccessQuery("CASEY.coach@cpft.nhs.uk", new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 2), 10), CancellationToken.None);
        var firstTwo = await log.QueryAsync(new AccessQuery(null, new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30), 2), CancellationToken.None);

        caseys.Entries.Select(e => e.Detail).Should().Equal("on 2025-06-02", "on 2025-05-20", "on 2025-05-01");
        caseys.More.Should().BeFalse();
        firstTwo.Entries.Should().HaveCount(2).And.OnlyContain(e => e.Detail.EndsWith("2025-06-02", StringComparison.Ordinal));
        firstTwo.More.Should().BeTrue();
    }

    [Fact]
    public async Task DeleteReferral_LeavesNothingOfThatReferralAndEveryOtherRowAsItWas()
    {
        var gone = TestReferrals.Allocated(Team.Cambridge);
        var kept = TestReferrals.Allocated(Team.Huntingdon);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => log.RecordAsync(AccessEntry.Of(Coach, "10.0.0.1", May31.AddSeconds(i), AccessActions.Viewed, "referral page", gone), CancellationToken.None)));
        await log.RecordAsync(AccessEntry.Of(Coach, "10.0.0.1", May31.AddDays(40), AccessActions.Changed, "task completed", gone), CancellationToken.None);
        await log.RecordAsync(AccessEntry.Of(Admin, "10.0.0.2", May31, AccessActions.Viewed, "referral page", kept), CancellationToken.None);
        var manyFound = new AccessEntry(May31, Admin.Email, Admin.Role, null, "10.0.0.2", AccessActions.Searched, "name: alex", null, [gone.Id, kept.Id], false);
        await log.RecordAsync(manyFound, CancellationToken.None);

        await log.DeleteReferralAsync(gone.Id, CancellationToken.None);
        await log.DeleteReferralAsync(gone.Id, CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in Service.GetTableClient(Options.Value.TablePrefix + "AccessLog").QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        rows.Should().NotContain(r => r.PartitionKey == "referral-" + gone.Id || r.GetString("ReferralId") == gone.Id);
        rows.Should().HaveCount(3, "the other referral's row and its twin, and the search that showed several people");
        (await log.ForReferralAsync(kept.Id, CancellationToken.None)).Should().ContainSingle();
        rows.Should().ContainSingle(r => r.GetString("Action") == AccessActions.Searched);
    }
}
