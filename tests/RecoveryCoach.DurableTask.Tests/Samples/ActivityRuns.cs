using System.Collections.Concurrent;

namespace RecoveryCoach.DurableTask.Tests.Samples;

/// <summary>How many times the sample activities ran for each instance, so a test can tell one execution from two.</summary>
internal sealed class ActivityRuns
{
    private readonly ConcurrentDictionary<string, int> runs = new();

    public void Record(string instanceId) => runs.AddOrUpdate(instanceId, 1, (_, n) => n + 1);

    public int For(string instanceId) => runs.GetValueOrDefault(instanceId);
}
