using System.Collections.Concurrent;
using System.Diagnostics;
using RecoveryCoach.Durable.TestHost.Orchestrations;

namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>Per instance, milliseconds to completion from when its raise call began and from when it returned, and how long raising them all took.</summary>
internal sealed record ApprovalLatencies(List<double> FromRaiseCall, List<double> FromRaiseReturn, double RaisingAllMilliseconds);

/// <summary>
/// Raises "Approve" on every instance at once, then measures each instance against the
/// completion time its worker recorded (the instance's LastUpdatedAt; all processes share the
/// machine's clock).
/// </summary>
internal static class ApprovalRaiser
{
    public static async Task<ApprovalLatencies> RaiseAndMeasureAsync(DurableTaskClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var called = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var returned = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var raising = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(async id =>
        {
            called[id] = TimeProvider.System.GetUtcNow();
            await client.RaiseEventAsync(id, ApprovalOrchestrator.Approved, "yes", cancellationToken);
            returned[id] = TimeProvider.System.GetUtcNow();
        }));
        var raisingAll = raising.Elapsed;

        var completed = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (completed.Count < ids.Count)
        {
            await Task.Delay(100, cancellationToken);
            foreach (var instance in await InstanceQueries.ListAsync(client, [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed], cancellationToken))
            {
                completed[instance.InstanceId] = instance;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {completed.Count} of {ids.Count} approvals completed within 2 minutes.");
            }
        }

        var wrong = completed.Values.Where(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed || i.ReadOutputAs<string>() != ApprovalOrchestrator.Approved).ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{wrong.Count} approvals did not end approved, e.g. {wrong[0].InstanceId}: {wrong[0].RuntimeStatus} {wrong[0].SerializedOutput}.");
        }

        return new(
            [.. ids.Select(id => (completed[id].LastUpdatedAt - called[id]).TotalMilliseconds)],
            [.. ids.Select(id => (completed[id].LastUpdatedAt - returned[id]).TotalMilliseconds)],
            raisingAll.TotalMilliseconds);
    }
}
