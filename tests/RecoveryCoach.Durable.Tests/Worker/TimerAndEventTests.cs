using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Durable.History;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Tests.Worker;

public sealed class TimerAndEventTests
{
    [Fact]
    public async Task A_timer_fires_when_the_fake_clock_reaches_it()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, DateTime>("Waits", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromHours(2), CancellationToken.None);
            return context.CurrentUtcDateTime;
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await hub.UntilTimerCreatedAsync(id);
        hub.Clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(300);
        (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running, "the timer is not due yet");
        hub.Clock.Advance(TimeSpan.FromHours(1));
        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<DateTime>().Should().BeOnOrAfter(TestHub.Start.UtcDateTime.AddHours(2));
    }

    [Fact]
    public async Task A_30_day_timer_fires()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Month", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
            return "a month later";
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Month");
        await hub.AdvanceWhenWaitingAsync(id, TimeSpan.FromDays(30));
        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("a month later");
        (await hub.Client.GetHistoryAsync(id)).OfType<TimerFired>().Should().ContainSingle()
            .Which.FireAt.Should().Be(TestHub.Start.UtcDateTime.AddDays(30));
    }

    [Fact]
    public async Task A_ten_week_orchestration_runs_through_on_the_fake_clock()
    {
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<int, int>("TenWeeks", async (context, weeks) =>
            {
                var held = 0;
                for (var week = 1; week <= weeks; week++)
                {
                    await context.CreateTimer(context.CurrentUtcDateTime.AddDays(7), CancellationToken.None);
                    held += await context.CallActivityAsync<int>("CheckIn", week);
                }

                return held;
            })
            .AddActivity<int, int>("CheckIn", (_, _) => Task.FromResult(1)));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("TenWeeks", 10);
        for (var week = 1; week <= 10; week++)
        {
            await hub.UntilTimerCreatedAsync(id, week);
            hub.Clock.Advance(TimeSpan.FromDays(7));
        }

        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<int>().Should().Be(10);
        done.LastUpdatedAt.Should().BeOnOrAfter(TestHub.Start.AddDays(70));
        (await hub.Client.GetHistoryAsync(id)).OfType<TimerFired>().Should().HaveCount(10);
    }

    [Theory]
    [InlineData(true, "approved")]
    [InlineData(false, "timed out")]
    public async Task Waiting_for_an_event_or_a_timeout_takes_whichever_comes_first(bool raise, string expected)
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Approval", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromHours(1));
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await hub.UntilTimerCreatedAsync(id);
        if (raise)
        {
            await hub.Client.RaiseEventAsync(id, "Approval", "approved");
        }
        else
        {
            hub.Clock.Advance(TimeSpan.FromHours(1));
        }

        (await hub.CompletionAsync(id)).ReadOutputAs<string>().Should().Be(expected);
    }

    [Fact]
    public async Task A_timer_the_orchestrator_cancels_is_removed_and_never_fires()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Approval", async (context, _) =>
            await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromHours(1))));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await hub.UntilTimerCreatedAsync(id);
        var timers = hub.Services.GetRequiredService<TimerStore>();
        (await timers.PeekAsync(TestHub.Start.AddHours(2), 10, CancellationToken.None)).Due.Should().ContainSingle(t => t.InstanceId == id);

        await hub.Client.RaiseEventAsync(id, "Approval", "yes");
        await hub.CompletionAsync(id);

        // The row goes in the background, batched with others, within a few seconds.
        await TestHub.EventuallyAsync(
            async () => !(await timers.PeekAsync(TestHub.Start.AddHours(2), 10, CancellationToken.None)).Due.Any(t => t.InstanceId == id),
            "the cancelled timer's row should be deleted");
    }

    [Fact]
    public async Task A_timer_cancelled_in_the_step_that_creates_it_is_never_written()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("AlreadyAnswered", async (context, _) =>
        {
            var answer = await context.WaitForExternalEvent<string>("Answer", TimeSpan.FromDays(1));
            await context.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
            return answer;
        }));
        var id = Guid.NewGuid().ToString("N");
        await hub.SendBeforeStartAsync(id, "Answer", "\"early\"");

        await hub.Client.ScheduleNewOrchestrationInstanceAsync("AlreadyAnswered", options: new StartOrchestrationOptions(id));
        await hub.UntilTimerCreatedAsync(id, count: 2);

        var pending = (await hub.Services.GetRequiredService<TimerStore>().PeekAsync(TestHub.Start.AddDays(10), 10, CancellationToken.None)).Due
            .Where(t => t.InstanceId == id).ToList();
        pending.Should().ContainSingle("the one-day timeout was cancelled by the waiting event before it was ever written")
            .Which.FireAt.Should().Be(TestHub.Start.UtcDateTime.AddDays(3));
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_for_it_is_kept()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("LateWaiter", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
            return await context.WaitForExternalEvent<string>("Answer");
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter");
        await hub.UntilTimerCreatedAsync(id);
        await hub.Client.RaiseEventAsync(id, "Answer", "early bird");
        await hub.UntilEventsRecordedAsync(id);
        hub.Clock.Advance(TimeSpan.FromDays(1));

        (await hub.CompletionAsync(id)).ReadOutputAs<string>().Should().Be("early bird");
    }

    [Fact]
    public async Task An_event_raised_to_a_pending_instance_is_kept_until_it_starts()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Pending", async (context, _) =>
            await context.WaitForExternalEvent<string>("Answer")));

        // Raised straight after scheduling, the event usually reaches the worker with or before the start.
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Pending");
        await hub.Client.RaiseEventAsync(id, "Answer", "kept");

        (await hub.CompletionAsync(id)).ReadOutputAs<string>().Should().Be("kept");
    }

    [Fact]
    public async Task An_event_that_reaches_the_worker_before_the_instance_starts_is_buffered_not_dropped()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Pending", async (context, _) =>
            await context.WaitForExternalEvent<string>("Answer")));
        var id = Guid.NewGuid().ToString("N");
        var history = hub.Services.GetRequiredService<HistoryStore>();
        await hub.SendBeforeStartAsync(id, "Answer", "\"buffered\"");

        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Pending", options: new StartOrchestrationOptions(id));

        (await hub.CompletionAsync(id)).ReadOutputAs<string>().Should().Be("buffered");
        (await history.LoadAsync(id, CancellationToken.None)).Buffered.Should().BeEmpty("the buffered row is consumed with the step that used it");
    }

    [Fact]
    public async Task Events_with_one_name_are_delivered_in_the_order_raised()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Collects", async (context, _) =>
        {
            var first = await context.WaitForExternalEvent<int>("Number");
            var second = await context.WaitForExternalEvent<int>("Number");
            var third = await context.WaitForExternalEvent<int>("Number");
            return $"{first},{second},{third}";
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Collects");
        for (var i = 1; i <= 3; i++)
        {
            await hub.Client.RaiseEventAsync(id, "Number", i);
            await hub.UntilEventsRecordedAsync(id, i);
        }

        (await hub.CompletionAsync(id)).ReadOutputAs<string>().Should().Be("1,2,3");
    }
}
