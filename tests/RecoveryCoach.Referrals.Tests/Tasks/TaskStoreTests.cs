using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tests.Storage;

namespace RecoveryCoach.Referrals.Tests.Tasks;

public sealed class TaskStoreTests : StorageTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private TaskStore Store => new(Service, Options);

    private static CoachTask Task(string id, string? team = "cambridge", CoachTaskType type = CoachTaskType.CheckIn, int dueInDays = 2, string? assignee = null, string referral = "r1") =>
        new(id, referral, "RC-ABCDEF", type, team, assignee, CoachTaskStatus.Open, Now, Now.AddDays(dueInDays), null, null, null, null);

    [Fact]
    public async Task CreateAsync_Twice_KeepsTheFirstAndReturnsIt()
    {
        var first = await Store.CreateAsync(Task("t1", assignee: "coach-a"), CancellationToken.None);

        var (again, created) = await Store.CreateAsync(Task("t1", assignee: "someone else"), CancellationToken.None);

        first.Created.Should().BeTrue();
        created.Should().BeFalse("the second call found the task the first one stored");
        again.Assignee.Should().Be("coach-a");
        (await Store.QueryAsync(new TaskQuery("cambridge"), Now, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task GetAsync_WithOrWithoutTheTeam_FindsTheTask()
    {
        await Store.CreateAsync(Task("t2", team: "huntingdon"), CancellationToken.None);
        await Store.CreateAsync(Task("t3", team: null, type: CoachTaskType.Triage), CancellationToken.None);

        (await Store.GetAsync("t2", "huntingdon", CancellationToken.None))!.Value.Task.Team.Should().Be("huntingdon");
        (await Store.GetAsync("t2", null, CancellationToken.None))!.Value.Task.Team.Should().Be("huntingdon");
        (await Store.GetAsync("t3", null, CancellationToken.None))!.Value.Task.Type.Should().Be(CoachTaskType.Triage);
        (await Store.GetAsync("nope", null, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task UpdateAsync_WithAStaleETag_ThrowsTaskConflictAndChangesNothing()
    {
        await Store.CreateAsync(Task("t4"), CancellationToken.None);
        var (task, etag) = (await Store.GetAsync("t4", "cambridge", CancellationToken.None))!.Value;
        await Store.UpdateAsync(task with { Assignee = "coach-a" }, etag, CancellationToken.None);

        var stale = () => Store.UpdateAsync(task with { Assignee = "coach-b" }, etag, CancellationToken.None);

        await stale.Should().ThrowAsync<TaskConflictException>();
        (await Store.GetAsync("t4", "cambridge", CancellationToken.None))!.Value.Task.Assignee.Should().Be("coach-a");
    }

    [Fact]
    public async Task QueryAsync_FiltersByTeamAssigneeStatusAndOverdue_MostUrgentFirst()
    {
        await Store.CreateAsync(Task("later", dueInDays: 5), CancellationToken.None);
        await Store.CreateAsync(Task("overdue", dueInDays: -1, assignee: "coach-a"), CancellationToken.None);
        await Store.CreateAsync(Task("soon", dueInDays: 1, assignee: "coach-a"), CancellationToken.None);
        await Store.CreateAsync(Task("other-team", team: "huntingdon"), CancellationToken.None);
        await Store.CreateAsync(Task("finished", dueInDays: -3), CancellationToken.None);
        var (finished, finishedTag) = (await Store.GetAsync("finished", "cambridge", CancellationToken.None))!.Value;
        await Store.UpdateAsync(finished with { Status = CoachTaskStatus.Done, CompletedAt = Now }, finishedTag, CancellationToken.None);

        var open = await Store.QueryAsync(new TaskQuery("cambridge"), Now, CancellationToken.None);
        var mine = await Store.QueryAsync(new TaskQuery("cambridge", Assignee: "coach-a"), Now, CancellationToken.None);
        var overdue = await Store.QueryAsync(new TaskQuery(OverdueOnly: true), Now, CancellationToken.None);
        var doneList = await Store.QueryAsync(new TaskQuery("cambridge", Status: CoachTaskStatus.Done), Now, CancellationToken.None);

        open.Select(t => t.Id).Should().Equal("overdue", "soon", "later");
        mine.Select(t => t.Id).Should().Equal("overdue", "soon");
        overdue.Select(t => t.Id).Should().Equal("overdue");
        doneList.Select(t => t.Id).Should().Equal("finished");
    }

    [Fact]
    public async Task ForReferralAsync_ReturnsEveryTaskOfThatReferralAcrossTeams()
    {
        await Store.CreateAsync(Task("a", team: null, type: CoachTaskType.Triage, referral: "r9"), CancellationToken.None);
        await Store.CreateAsync(Task("b", team: "huntingdon", referral: "r9"), CancellationToken.None);
        await Store.CreateAsync(Task("c", referral: "r10"), CancellationToken.None);

        var tasks = await Store.ForReferralAsync("r9", CancellationToken.None);

        tasks.Select(t => t.Task.Id).Should().BeEquivalentTo("a", "b");
    }
}
