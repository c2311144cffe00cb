using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Tests.Worker;

public sealed class LargePayloadTests
{
    [Fact]
    public async Task Inputs_results_and_events_over_the_table_and_queue_limits_travel_through_blobs()
    {
        var big = new string('a', 120_000);
        await using var hub = await TestHub.StartAsync(r => r
            .AddOrchestrator<string, int>("Big", async (context, input) =>
            {
                var echoed = await context.CallActivityAsync<string>("Echo", input);
                var raised = await context.WaitForExternalEvent<string>("BigEvent");
                return echoed.Length + raised.Length;
            })
            .AddActivity<string, string>("Echo", (_, text) => Task.FromResult(text + "b")));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Big", big);
        await hub.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await hub.Client.RaiseEventAsync(id, "BigEvent", big);
        var done = await hub.CompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        done.ReadOutputAs<int>().Should().Be(240_001);
        done.ReadInputAs<string>().Should().Be(big);
        var container = hub.Services.GetRequiredService<TaskHubStorage>().LargePayloads;
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", CancellationToken.None))
        {
            blobs.Add(blob.Name);
        }

        blobs.Should().Contain(b => b.Contains("/history/", StringComparison.Ordinal)).And.Contain(b => b.Contains("/messages/", StringComparison.Ordinal)).And.Contain($"{id}/input");

        await hub.Client.PurgeInstanceAsync(id);
        var left = 0;
        await foreach (var _ in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id + "/", CancellationToken.None))
        {
            left++;
        }

        left.Should().Be(0, "purging an instance removes its payloads too");
    }
}
