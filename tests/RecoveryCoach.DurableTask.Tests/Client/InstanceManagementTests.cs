using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using RecoveryCoach.DurableTask.Tests.Samples;

namespace RecoveryCoach.DurableTask.Tests.Client;

/// <summary>What an administrator does to instances: terminate, suspend and resume, purge, list.</summary>
public sealed class InstanceManagementTests
{
    [Fact]
    public async Task Terminate_ends_a_waiting_instance_with_the_reason_as_its_output()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);

        await host.Client.TerminateInstanceAsync(id, "referral withdrawn");
        var done = await host.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Terminated);
        done.ReadOutputAs<string>().Should().Be("referral withdrawn");
    }

    [Fact]
    public async Task A_suspended_instance_holds_its_events_until_it_is_resumed()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);

        await host.Client.SuspendInstanceAsync(id, "paused by staff");
        await host.StatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "first", "steady");
        await host.Client.RaiseEventAsync(id, "second", "calm");
        await host.AfterEarlierMessagesAsync();
        var whileSuspended = await host.Client.GetInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id, "resumed by staff");
        var done = await host.CompletionAsync(id);

        whileSuspended!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Suspended);
        done.ReadOutputAs<string>().Should().Be("steady then calm");
    }

    [Fact]
    public async Task Purging_an_instance_removes_it()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann");
        await host.CompletionAsync(id);

        var purged = await host.Client.PurgeInstanceAsync(id);

        purged.PurgedInstanceCount.Should().Be(1);
        (await host.Client.GetInstanceAsync(id)).Should().BeNull();
        (await host.Client.GetOrchestrationHistoryAsync(id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Purging_a_running_instance_is_refused_and_leaves_it_running()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator));
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);

        var purge = () => host.Client.PurgeInstanceAsync(id);

        await purge.Should().ThrowAsync<InvalidOperationException>();
        await host.Client.RaiseEventAsync(id, "first", "steady");
        await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForSecond);
        await host.Client.RaiseEventAsync(id, "second", "calm");
        (await host.CompletionAsync(id)).ReadOutputAs<string>().Should().Be("steady then calm");
    }

    [Fact]
    public async Task Purging_an_unknown_instance_purges_nothing()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);

        var purged = await host.Client.PurgeInstanceAsync(Guid.NewGuid().ToString("N"));

        purged.PurgedInstanceCount.Should().Be(0);
    }

    [Fact]
    public async Task Purging_a_created_time_range_removes_only_the_instances_created_in_it()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var before = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Ann");
        await host.CompletionAsync(before);
        var from = DateTimeOffset.UtcNow;
        string[] inRange =
        [
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Bob"),
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), "Cat"),
        ];
        foreach (var id in inRange)
        {
            await host.CompletionAsync(id);
        }

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTimeOffset.UtcNow, [OrchestrationRuntimeStatus.Completed]));

        purged.PurgedInstanceCount.Should().Be(2);
        (await host.Client.GetInstanceAsync(before)).Should().NotBeNull();
        foreach (var id in inRange)
        {
            (await host.Client.GetInstanceAsync(id)).Should().BeNull();
        }
    }

    [Fact]
    public async Task Listing_instances_pages_with_a_continuation_token_and_filters_by_status()
    {
        await using var host = await DurableTestHost.StartAsync(SampleTasks.Register);
        var completed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            completed.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloOrchestrator), $"Person {i}"));
        }

        string[] running =
        [
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator)),
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SignalsOrchestrator)),
        ];
        foreach (var id in completed)
        {
            await host.CompletionAsync(id);
        }

        foreach (var id in running)
        {
            await host.CustomStatusAsync(id, SignalsOrchestrator.WaitingForFirst);
        }

        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2 };
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        var firstPage = pages[0];
        var rest = new List<string>();
        await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages(firstPage.ContinuationToken, pageSizeHint: 2))
        {
            rest.AddRange(page.Values.Select(i => i.InstanceId));
        }

        var runningNow = new List<string>();
        await foreach (var instance in host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }))
        {
            runningNow.Add(instance.InstanceId);
        }

        pages.Select(p => p.Values.Count).Should().Equal(2, 2, 1);
        pages.SelectMany(p => p.Values).Select(i => i.InstanceId).Should().BeEquivalentTo(completed);
        pages.SkipLast(1).Should().OnlyContain(p => p.ContinuationToken != null);
        rest.Should().BeEquivalentTo(completed.Except(firstPage.Values.Select(i => i.InstanceId)), "a continuation token resumes where its page ended");
        runningNow.Should().BeEquivalentTo(running);
    }
}
