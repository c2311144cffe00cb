using Azure.Core;
using Azure.Core.Pipeline;

namespace RecoveryCoach.Durable.Storage;

/// <summary>
/// Counts every request the runtime sends to Azure Storage, retries included, so the cost of a
/// workload (and of idling) is measured by the runtime itself rather than estimated.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long total;

    public long Total => Interlocked.Read(ref total);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref total);
}
