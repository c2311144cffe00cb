using RecoveryCoach.Referrals.Caseload;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Tests.Caseload;

public class CaseloadListTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Show_ByDue_PutsTheOverdueFirstAndNothingDueLast()
    {
        var later = Entry("b", due: Now.AddDays(3));
        var overdue = Entry("c", due: Now.AddDays(-2));
        var nothing = Entry("a", due: null);

        var page = CaseloadList.Show([later, nothing, overdue], new CaseloadFilter(), Now);

        page.Entries.Select(e => e.ReferralId).Should().Equal("c", "b", "a");
    }

    [Fact]
    public void Show_FilteredByCoachAndStage_ListsOnlyThoseAndOffersEveryCoach()
    {
        var mine = Entry("a", coach: "casey@cpft.nhs.uk", status: ReferralStatus.Coaching);
        var mineAgreeing = Entry("b", coach: "casey@cpft.nhs.uk", status: ReferralStatus.Agreeing);
        var theirs = Entry("c", coach: "robin@cpft.nhs.uk", status: ReferralStatus.Coaching);
        var nobodys = Entry("d", status: ReferralStatus.Allocated);

        var page = CaseloadList.Show([mine, mineAgreeing, theirs, nobodys], new CaseloadFilter(Coach: "Casey@cpft.nhs.uk", Stage: CaseloadStage.Coaching), Now);
        var unassigned = CaseloadList.Show([mine, mineAgreeing, theirs, nobodys], new CaseloadFilter(Coach: CaseloadFilter.Unassigned), Now);

        page.Entries.Select(e => e.ReferralId).Should().Equal("a");
        page.Coaches.Should().Equal("casey@cpft.nhs.uk", "robin@cpft.nhs.uk");
        unassigned.Entries.Select(e => e.ReferralId).Should().Equal("d");
    }

    [Fact]
    public void Show_ManyReferrals_ArePagedAndAPageBeyondTheLastShowsTheLast()
    {
        var entries = Enumerable.Range(0, 60).Select(i => Entry($"r{i:D2}", family: $"Family{i:D2}")).ToList();

        var second = CaseloadList.Show(entries, new CaseloadFilter(Sort: CaseloadSort.Name, Page: 2), Now);
        var beyond = CaseloadList.Show(entries, new CaseloadFilter(Sort: CaseloadSort.Name, Page: 9), Now);

        second.Total.Should().Be(60);
        second.Pages.Should().Be(3);
        second.Entries.Should().HaveCount(CaseloadList.PageSize);
        second.Entries[0].FamilyName.Should().Be("Family25");
        beyond.Page.Should().Be(3);
        beyond.Entries.Should().HaveCount(10);
    }

    [Fact]
    public void Show_LeavesOutFinishedReferrals()
    {
        var page = CaseloadList.Show([Entry("a", status: ReferralStatus.Closed), Entry("b", status: ReferralStatus.Ineligible), Entry("c")], new CaseloadFilter(), Now);

        page.Entries.Select(e => e.ReferralId).Should().Equal("c");
    }

    [Theory]
    [InlineData(ReferralStatus.Received, null, "Being decided")]
    [InlineData(ReferralStatus.AwaitingTriage, null, "Waiting for a team")]
    [InlineData(ReferralStatus.Allocated, null, "Waiting for first contact")]
    [InlineData(ReferralStatus.Agreeing, null, "Agreeing the coaching")]
    [InlineData(ReferralStatus.Coaching, null, "Coaching, week 3 of 6")]
    [InlineData(ReferralStatus.Coaching, CoachTaskType.Closure, "Closing")]
    public void DescribeStage_SaysWhereTheReferralStands(ReferralStatus status, CoachTaskType? open, string expected)
    {
        var entry = Entry("a", status: status) with
        {
            AgreedAt = Now.AddDays(-15),
            PlannedWeeks = 6,
            OpenTasks = open is { } type ? [new OpenTask("t", type, Now, null)] : [],
        };

        entry.DescribeStage(Now).Should().Be(expected);
    }

    private static CaseloadEntry Entry(string id, DateTimeOffset? due = null, string? coach = null, ReferralStatus status = ReferralStatus.Allocated, string family = "Example") =>
        new(id, "RC-" + id.ToUpperInvariant().PadRight(6, 'X')[..6], "Alex", family, new DateOnly(1990, 1, 1), "cambridge", status, coach, Now.AddDays(-10), null, null,
            due is { } at ? [new OpenTask("task-" + id, CoachTaskType.InitialConversation, at, null)] : []);
}
