using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Tests.Client;

public sealed class LifecycleTests
{
    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<string, string>("WaitsForEvent", async (context, _) =>
        {
            context.SetCustomStatus(new { stage = "waiting", since = context.CurrentUtcDateTime });
            var answer = await context.WaitForExternalEvent<string>("Answer");
            context.SetCustomStatus(new { stage = "answered" });
            return answer;
        })
        .AddOrchestrator<string, string>("Quick", (_, input) => Task.FromResult(input));

    [Fact]
    public async Task Custom_status_shows_where_the_instance_stands()
    {
        await using var hub = await TestHub.StartAsync(Register);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForEvent");

        var waiting = await hub.UntilAsync(id, i => i.SerializedCustomStatus is not null);
        waiting.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
        waiting.SerializedCustomStatus.Should().Contain("\"stage\":\"waiting\"");

        await hub.Client.RaiseEventAsync(id, "Answer", "yes");
        var done = await hub.CompletionAsync(id);
        done.SerializedCustomStatus.Should().Be("{\"stage\":\"answered\"}");
        done.CreatedAt.Should().Be(TestHub.Start);
    }

    [Fact]
    public async Task A_custom_status_over_16_KB_fails_the_instance_with_the_reason()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Chatty", (context, _) =>
        {
            context.SetCustomStatus(new string('x', 17_000));
            return Task.FromResult("unreachable");
        }));

        var done = await hub.CompletionAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Chatty"));

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorMessage.Should().Contain("custom status");
    }

    [Fact]
    public async Task Starting_an_id_that_is_running_is_a_clear_error_and_a_finished_one_can_start_again()
    {
        await using var hub = await TestHub.StartAsync(Register);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForEvent", options: new StartOrchestrationOptions("referral-1"));

        var again = () => hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForEvent", options: new StartOrchestrationOptions(id));

        (await again.Should().ThrowAsync<InstanceAlreadyRunningException>()).Which.Message.Should().Contain("referral-1");
        await hub.Client.RaiseEventAsync(id, "Answer", "first");
        await hub.CompletionAsync(id);
        await again();
        await hub.Client.RaiseEventAsync(id, "Answer", "second");
        var done = await hub.UntilAsync(id, i => i.IsCompleted);
        done.ReadOutputAs<string>().Should().Be("second");
        (await hub.Client.GetHistoryAsync(id)).OfType<EventRaised>().Should().ContainSingle("the first run's history was cleared");
    }

    [Fact]
    public async Task Raising_to_an_unknown_or_finished_instance_says_which()
    {
        await using var hub = await TestHub.StartAsync(Register);
        var finished = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x");
        await hub.CompletionAsync(finished);

        var unknown = () => hub.Client.RaiseEventAsync("nobody", "Answer");
        var late = () => hub.Client.RaiseEventAsync(finished, "Answer");

        await unknown.Should().ThrowAsync<InstanceNotFoundException>();
        await late.Should().ThrowAsync<InstanceCompletedException>();
    }

    [Fact]
    public async Task Terminate_ends_a_running_instance_with_the_reason()
    {
        await using var hub = await TestHub.StartAsync(Register);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForEvent");
        await hub.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await hub.Client.TerminateInstanceAsync(id, "referral withdrawn");
        var done = await hub.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Terminated);
        done.ReadOutputAs<string>().Should().Be("referral withdrawn");
        (await hub.Client.GetHistoryAsync(id))[^1].Should().BeOfType<ExecutionTerminated>();
    }

    [Fact]
    public async Task Purge_removes_an_instance_and_purge_by_range_removes_only_finished_ones()
    {
        await using var hub = await TestHub.StartAsync(Register);
        var one = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "1");
        var two = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "2");
        var running = await hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForEvent");
        await hub.CompletionAsync(one);
        await hub.CompletionAsync(two);

        (await hub.Client.PurgeInstanceAsync(one)).PurgedInstanceCount.Should().Be(1);
        (await hub.Client.GetInstanceAsync(one)).Should().BeNull();
        (await hub.Client.GetHistoryAsync(one)).Should().BeEmpty();
        (await hub.Client.PurgeInstanceAsync(one)).PurgedInstanceCount.Should().Be(0);

        var purged = await hub.Client.PurgeInstancesAsync(TestHub.Start.AddDays(-1), TestHub.Start.AddDays(1));

        purged.PurgedInstanceCount.Should().Be(1);
        (await hub.Client.GetInstanceAsync(two)).Should().BeNull();
        (await hub.Client.GetInstanceAsync(running)).Should().NotBeNull();
    }

    [Fact]
    public async Task Query_filters_by_status_and_created_time_and_pages_with_a_continuation_token()
    {
        await using var hub = await TestHub.StartAsync(Register);
        var quick = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            quick.Add(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        hub.Clock.Advance(TimeSpan.FromDays(1));
        var later = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "later");
        var waiting = await hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForEvent");
        foreach (var id in quick.Append(later))
        {
            await hub.CompletionAsync(id);
        }

        var seen = new List<string>();
        var query = new OrchestrationQuery([OrchestrationRuntimeStatus.Completed], TestHub.Start, TestHub.Start.AddHours(1), PageSize: 2);
        var pages = 0;
        do
        {
            var page = await hub.Client.QueryInstancesAsync(query);
            page.Instances.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            query = query with { ContinuationToken = page.ContinuationToken };
            pages++;
        }
        while (query.ContinuationToken is not null);

        seen.Should().BeEquivalentTo(quick);
        pages.Should().BeGreaterThanOrEqualTo(3);
        var running = await hub.Client.QueryInstancesAsync(new OrchestrationQuery([OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending]));
        running.Instances.Select(i => i.InstanceId).Should().Equal(waiting);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_new_input_a_fresh_history_and_carries_unconsumed_events()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<int, int>("Counter", async (context, count) =>
        {
            if (count == 3)
            {
                return await context.WaitForExternalEvent<int>("Extra") + count;
            }

            await context.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
            context.ContinueAsNew(count + 1);
            return -1;
        }));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await hub.UntilTimerCreatedAsync(id);
        await hub.Client.RaiseEventAsync(id, "Extra", 100);
        for (var week = 0; week < 3; week++)
        {
            // Wait for this week's execution to wait on its timer: until the next execution is
            // written, the history still shows the last one's timer, and moving the clock then
            // would leave the new timer a week in the future.
            var input = week.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await TestHub.EventuallyAsync(
                async () => await hub.Client.GetHistoryAsync(id) is var history
                    && history.OfType<ExecutionStarted>().SingleOrDefault()?.Input == input
                    && history.OfType<TimerCreated>().Any(),
                $"execution {input} should wait on its timer");
            hub.Clock.Advance(TimeSpan.FromDays(7));
        }

        var done = await hub.CompletionAsync(id);

        done.ReadOutputAs<int>().Should().Be(103);
        var history = await hub.Client.GetHistoryAsync(id);
        history.OfType<ExecutionStarted>().Should().ContainSingle().Which.Input.Should().Be("3");
        history.OfType<TimerCreated>().Should().BeEmpty("each execution starts with an empty history");
    }
}
