using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Tests.Storage;

public sealed class InstanceStoreTests
{
    [Fact]
    public async Task A_status_write_that_arrives_after_a_later_steps_write_is_skipped()
    {
        await using var hub = await TestHub.StartAsync(_ => { }, options => options.WorkerEnabled = false);
        var store = hub.Services.GetRequiredService<InstanceStore>();
        var now = TestHub.Start;
        await store.TryAddAsync(new OrchestrationMetadata("i1", "Journey", "1", OrchestrationRuntimeStatus.Pending, now, now, null, null, null, null), "e1", CancellationToken.None);
        var readByBoth = await store.GetVersionAsync("i1", CancellationToken.None);

        var later = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Completed, "\"done\"", null, null, now.AddMinutes(2));
        await store.UpdateAsync("i1", "e1", later, historySequence: 20, readByBoth, CancellationToken.None);
        var stale = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, "\"step one\"", null, now.AddMinutes(1));
        await store.UpdateAsync("i1", "e1", stale, historySequence: 10, readByBoth, CancellationToken.None);

        var instance = await store.GetAsync("i1", CancellationToken.None);
        instance!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        instance.SerializedOutput.Should().Be("\"done\"");
        instance.LastUpdatedAt.Should().Be(now.AddMinutes(2));
    }

    [Fact]
    public async Task A_status_write_for_a_later_step_lands_even_when_the_row_changed_since_it_was_read()
    {
        await using var hub = await TestHub.StartAsync(_ => { }, options => options.WorkerEnabled = false);
        var store = hub.Services.GetRequiredService<InstanceStore>();
        var now = TestHub.Start;
        await store.TryAddAsync(new OrchestrationMetadata("i2", "Journey", "1", OrchestrationRuntimeStatus.Pending, now, now, null, null, null, null), "e1", CancellationToken.None);
        var read = await store.GetVersionAsync("i2", CancellationToken.None);
        await store.UpdateAsync("i2", "e1", new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, null, null, now), 5, read, CancellationToken.None);

        await store.UpdateAsync("i2", "e1", new InstanceStatusUpdate(OrchestrationRuntimeStatus.Completed, "\"ok\"", null, null, now), 9, read, CancellationToken.None);

        (await store.GetAsync("i2", CancellationToken.None))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
    }
}
