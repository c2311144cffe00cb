using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Durable.History;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Tests.Worker;

/// <summary>
/// A step is one history append followed by other writes. A worker that dies, or a storage call
/// that fails, after the append leaves those writes undone; the step's messages come back, are
/// recognised as recorded, and must still finish the step.
/// </summary>
public sealed class UnfinishedStepTests
{
    [Fact]
    public async Task A_step_committed_without_its_status_write_shows_its_true_status_when_its_message_comes_back()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<string, string>("Echo", (context, input) =>
        {
            context.SetCustomStatus("echoed");
            return Task.FromResult(input);
        }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "hello");
        await hub.CompletionAsync(id);
        var history = await hub.Client.GetHistoryAsync(id);

        // As if the worker had died between the history append and the Instances write.
        var storage = hub.Services.GetRequiredService<TaskHubStorage>();
        await storage.Instances.UpsertEntityAsync(
            new TableEntity(id, string.Empty) { ["RuntimeStatus"] = "Pending", ["HistorySequence"] = -1L, ["Output"] = null, ["CustomStatus"] = null },
            TableUpdateMode.Merge);
        (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Pending);
        await hub.Services.GetRequiredService<ControlQueues>().SendAsync(new InstanceMessage(id, history.OfType<ExecutionStarted>().Single()), CancellationToken.None);

        var caughtUp = await hub.UntilAsync(id, i => i.RuntimeStatus != OrchestrationRuntimeStatus.Pending);
        caughtUp.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        caughtUp.ReadOutputAs<string>().Should().Be("hello");
        caughtUp.SerializedCustomStatus.Should().Be("\"echoed\"");
        (await hub.Client.GetHistoryAsync(id)).Should().HaveCount(history.Count, "the redelivered message is not recorded again");
    }

    [Fact]
    public async Task A_continue_as_new_committed_without_its_next_execution_starts_it_when_its_message_comes_back()
    {
        await using var hub = await TestHub.StartAsync(r => r.AddOrchestrator<int, int>("Twice", (context, round) =>
        {
            if (round == 1)
            {
                context.ContinueAsNew(2);
            }

            return Task.FromResult(round);
        }));
        const string id = "continued-unfinished";

        // As if the worker had died right after committing the first execution's continue-as-new.
        var started = new ExecutionStarted("Twice", DurableTaskRegistry.DefaultVersion, "1", "first") { Timestamp = TestHub.Start.UtcDateTime, MessageId = "start:first" };
        var now = TestHub.Start;
        await hub.Services.GetRequiredService<InstanceStore>().TryAddAsync(new OrchestrationMetadata(id, "Twice", DurableTaskRegistry.DefaultVersion, OrchestrationRuntimeStatus.Pending, now, now, "1", null, null, null), "first", CancellationToken.None);
        var histories = hub.Services.GetRequiredService<HistoryStore>();
        var empty = await histories.LoadAsync(id, CancellationToken.None);
        HistoryEvent[] firstExecution = [new OrchestratorStarted { Timestamp = now.UtcDateTime }, started, new ContinuedAsNew("2") { Timestamp = now.UtcDateTime }];
        await histories.AppendAsync(empty, "first", firstExecution, [], CancellationToken.None);
        await hub.Services.GetRequiredService<ControlQueues>().SendAsync(new InstanceMessage(id, started), CancellationToken.None);

        var done = await hub.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<int>().Should().Be(2);
        var history = await hub.Client.GetHistoryAsync(id);
        history.OfType<ExecutionStarted>().Should().ContainSingle().Which.Input.Should().Be("2");
    }
}
