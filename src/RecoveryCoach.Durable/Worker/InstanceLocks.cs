namespace RecoveryCoach.Durable.Worker;

/// <summary>
/// One step at a time per instance within this process, so the timer loop and the queue loop
/// do not race each other into needless conflicts. Across processes the sentinel ETag decides.
/// </summary>
internal sealed class InstanceLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string instanceId, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (gates)
        {
            var entry = gates.TryGetValue(instanceId, out var found) ? found : (new SemaphoreSlim(1, 1), 0);
            gates[instanceId] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(instanceId, release: false);
            throw;
        }

        return new Lease(this, instanceId);
    }

    private void Leave(string instanceId, bool release)
    {
        lock (gates)
        {
            var (gate, users) = gates[instanceId];
            if (release)
            {
                gate.Release();
            }

            if (users == 1)
            {
                gates.Remove(instanceId);
                gate.Dispose();
            }
            else
            {
                gates[instanceId] = (gate, users - 1);
            }
        }
    }

    private sealed class Lease(InstanceLocks owner, string instanceId) : IDisposable
    {
        public void Dispose() => owner.Leave(instanceId, release: true);
    }
}
