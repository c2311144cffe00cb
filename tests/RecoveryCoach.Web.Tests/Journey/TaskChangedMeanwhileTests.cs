using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Journey;

/// <summary>
/// A task changed by the journey between a coach's read and write (a reminder or an escalation
/// recorded at that moment) is read again and the coach's form goes through, instead of
/// the coach being told to try again: the full chaos run met exactly this at a closure.
/// </summary>
public sealed class TaskChangedMeanwhileTests
{
    private static readonly StaffMember Casey = new(JourneyDriver.Coach, "Casey Coach", StaffRole.Coach, "cambridge");

    [Fact]
    public async Task A_completion_whose_task_is_escalated_meanwhile_is_completed_once()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var taskId = await journey.TaskOfStageAsync("initial-conversation");
        var worklist = WorklistEscalatingOnFirstClockRead(journey, taskId);

        var result = await worklist.CompleteAsync(taskId, new CompleteRequest(JsonSerializer.SerializeToElement(Forms.CoachingIsRight(journey.Now))), Casey, CancellationToken.None);

        result.Should().BeOfType<StaffActionResult.Accepted>();
        var stored = (await journey.Factory.Services.GetRequiredService<TaskStore>().GetAsync(taskId, "cambridge", CancellationToken.None))!.Value.Task;
        stored.Status.Should().Be(CoachTaskStatus.Done);
        stored.EscalatedAt.Should().NotBeNull("the escalation recorded meanwhile stands");
        stored.CompletedBy.Should().Be(Casey.Email);
        await journey.StageAsync("agreement");
    }

    private static TaskWorklist WorklistEscalatingOnFirstClockRead(JourneyDriver journey, string taskId)
    {
        var store = journey.Factory.Services.GetRequiredService<TaskStore>();
        return Worklist(journey, new EscalatingClock(journey.Factory.Clock, async () =>
        {
            var (task, etag) = (await store.GetAsync(taskId, "cambridge", CancellationToken.None))!.Value;
            await store.UpdateAsync(task with { EscalatedAt = journey.Now }, etag, CancellationToken.None);
        }));
    }

    private static TaskWorklist Worklist(JourneyDriver journey, TimeProvider clock)
    {
        var services = journey.Factory.Services;
        return new TaskWorklist(services.GetRequiredService<TaskStore>(), services.GetRequiredService<ReferralStore>(), services.GetRequiredService<DurableTaskClient>(), clock, NullLogger<TaskWorklist>.Instance);
    }

    /// <summary>The test's clock, which the first time it is read changes the task as the journey would at that moment.</summary>
    private sealed class EscalatingClock(TimeProvider clock, Func<Task> meanwhile) : TimeProvider
    {
        private int read;

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Exchange(ref read, 1) == 0)
            {
                meanwhile().GetAwaiter().GetResult();
            }

            return clock.GetUtcNow();
        }
    }
}
