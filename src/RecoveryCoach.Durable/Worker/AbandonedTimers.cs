using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Worker;

/// <summary>
/// Deletes the rows of timers orchestrators cancelled, in the background and in batches: all
/// timer rows share one partition, so up to 100 go in one request, and none of this sits on the
/// path of the step that cancelled them. A row that is missed only fires later and is ignored.
/// </summary>
internal sealed class AbandonedTimers(TimerStore timers, ILogger<AbandonedTimers> logger)
{
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);
    private readonly Channel<TimerKey> pending = Channel.CreateUnbounded<TimerKey>();

    public void Add(string instanceId, string executionId, int timerId, DateTime fireAt) =>
        pending.Writer.TryWrite(new TimerKey(instanceId, executionId, timerId, fireAt));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TimerKey>(100);
        while (await pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Delay(Gather, stoppingToken).ConfigureAwait(false);
            while (batch.Count < 100 && pending.Reader.TryRead(out var key))
            {
                batch.Add(key);
            }

            try
            {
                await timers.DeleteAsync(batch, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException && !stoppingToken.IsCancellationRequested)
            {
                logger.LoopFailed(ex, "cancelled timers");
            }

            batch.Clear();
        }
    }
}

/// <summary>Which timer row: the instance, its execution, the timer and when it was to fire.</summary>
internal sealed record TimerKey(string InstanceId, string ExecutionId, int TimerId, DateTime FireAt);
