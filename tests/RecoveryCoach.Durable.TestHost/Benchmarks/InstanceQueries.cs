namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>Reads of the Instances table that a benchmark waits on.</summary>
internal static class InstanceQueries
{
    public static async Task<List<OrchestrationMetadata>> ListAsync(DurableTaskClient client, OrchestrationRuntimeStatus[] statuses, CancellationToken cancellationToken)
    {
        var all = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery(statuses, PageSize: 1000);
        do
        {
            var page = await client.QueryInstancesAsync(query, cancellationToken);
            all.AddRange(page.Instances);
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        return all;
    }

    /// <summary>Polls until no instance has any of <paramref name="statuses"/>.</summary>
    public static async Task WaitUntilNoneAsync(DurableTaskClient client, OrchestrationRuntimeStatus[] statuses, TimeSpan interval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await ListAsync(client, statuses, cancellationToken)).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instances were still {string.Join("/", statuses)} after {timeout}.");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    public static Task StartAllAsync(DurableTaskClient client, string orchestrator, object? input, IEnumerable<string> ids, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = cancellationToken },
            async (id, token) => await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(id), token));
}
