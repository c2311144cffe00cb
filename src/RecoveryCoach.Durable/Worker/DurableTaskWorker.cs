using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Durable.History;
using RecoveryCoach.Durable.Storage;

namespace RecoveryCoach.Durable.Worker;

/// <summary>
/// Polls the control queues and the Timers table and steps the instances they name. Any number
/// of workers may share a task hub: there are no leases, and the history's sentinel ETag makes
/// sure only one commits each step. An idle worker backs off to
/// <see cref="StorageProviderOptions.MaxQueuePollingInterval"/> between polls; its own client
/// and its own timers wake it early.
/// </summary>
internal sealed class DurableTaskWorker(
    TaskHubStorage storage,
    ControlQueues queues,
    TimerStore timers,
    InstanceStore instances,
    InstanceStepper stepper,
    AbandonedTimers abandonedTimers,
    WorkerSignal signal,
    TimeProvider clock,
    DurableTaskOptions options,
    ILogger<DurableTaskWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(50);
    private readonly SemaphoreSlim instanceSlots = new(options.MaxConcurrentOrchestratorFunctions);
    private readonly InstanceLocks locks = new();
    private readonly StorageProviderOptions provider = options.StorageProvider;

    public override void Dispose()
    {
        instanceSlots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.WorkerEnabled)
        {
            return;
        }

        await storage.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
        logger.WorkerStarted(options.HubName, storage.PartitionCount);
        await Task.WhenAll(PollControlQueuesAsync(stoppingToken), FireTimersAsync(stoppingToken), abandonedTimers.RunAsync(stoppingToken)).ConfigureAwait(false);
    }

    private async Task PollControlQueuesAsync(CancellationToken stoppingToken)
    {
        var backOff = TimeSpan.Zero;
        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var found = 0;
            try
            {
                for (var partition = 0; partition < storage.PartitionCount; partition++)
                {
                    // Fetch no more than there are free slots, so no message waits hidden for one.
                    await instanceSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    var free = instanceSlots.CurrentCount + 1;
                    instanceSlots.Release();
                    var received = await queues.ReceiveAsync(partition, Math.Min(provider.ControlQueueBatchSize, free), provider.ControlQueueVisibilityTimeout, stoppingToken).ConfigureAwait(false);
                    found += received.Count;
                    foreach (var batch in received.GroupBy(m => m.Message.InstanceId))
                    {
                        await instanceSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
                        inFlight.Add(ProcessBatchAsync(batch.Key, [.. batch], stoppingToken));
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LoopFailed(ex, "control queues");
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            backOff = found > 0 ? TimeSpan.Zero : Next(backOff);
            if (backOff > TimeSpan.Zero)
            {
                await signal.WaitForMessageAsync(backOff, stoppingToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private TimeSpan Next(TimeSpan backOff)
    {
        var doubled = backOff == TimeSpan.Zero ? FirstBackOff : backOff * 2;
        return doubled > provider.MaxQueuePollingInterval ? provider.MaxQueuePollingInterval : doubled;
    }

    private async Task ProcessBatchAsync(string instanceId, List<ReceivedMessage> batch, CancellationToken stoppingToken)
    {
        try
        {
            if (instanceId.Length == 0 || batch.Exists(m => m.DequeueCount > provider.MaxDequeueCount))
            {
                await PoisonAsync(instanceId, batch, stoppingToken).ConfigureAwait(false);
                return;
            }

            using (await locks.EnterAsync(instanceId, stoppingToken).ConfigureAwait(false))
            {
                await stepper.StepAsync(instanceId, [.. batch.Select(m => m.Message.Event)], stoppingToken).ConfigureAwait(false);
            }

            await Task.WhenAll(batch.Select(m => queues.DeleteAsync(m, stoppingToken))).ConfigureAwait(false);
        }
        catch (HistoryConflictException)
        {
            // Another worker stepped this instance first. Send the messages again as new ones, so a
            // busy instance never looks like a poison message, and drop the originals.
            logger.StepConflict(instanceId);
            await ResendAsync(batch, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.StepFailed(ex, instanceId);
            await ReleaseQuietlyAsync(batch, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            instanceSlots.Release();
        }
    }

    private async Task ResendAsync(List<ReceivedMessage> batch, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var message in batch)
            {
                await queues.SendAsync(message.Message, stoppingToken).ConfigureAwait(false);
                await queues.DeleteAsync(message, stoppingToken).ConfigureAwait(false);
            }

            signal.MessageSent();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LoopFailed(ex, "resend");
        }
    }

    private async Task ReleaseQuietlyAsync(List<ReceivedMessage> batch, CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(batch.Select(m => queues.ReleaseAsync(m, TimeSpan.FromSeconds(Math.Min(30, m.DequeueCount)), stoppingToken))).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The visibility timeout will bring the messages back anyway.
            logger.LoopFailed(ex, "release");
        }
    }

    /// <summary>Moves messages that keep failing aside and marks their instance Failed with the reason, rather than loop forever.</summary>
    private async Task PoisonAsync(string instanceId, List<ReceivedMessage> batch, CancellationToken stoppingToken)
    {
        var reason = instanceId.Length == 0
            ? "The message could not be read."
            : $"A message was delivered {batch.Max(m => m.DequeueCount)} times without being processed; it was moved to the poison queue {storage.Names.PoisonQueue}.";
        foreach (var message in batch)
        {
            await queues.MoveToPoisonAsync(message, reason, stoppingToken).ConfigureAwait(false);
        }

        if (instanceId.Length > 0)
        {
            logger.MessagePoisoned(instanceId, batch.Max(m => m.DequeueCount));
            var failure = new TaskFailureDetails("PoisonMessage", reason);
            var current = await instances.GetAsync(instanceId, stoppingToken).ConfigureAwait(false);
            var version = await instances.GetVersionAsync(instanceId, stoppingToken).ConfigureAwait(false);
            var update = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Failed, current?.SerializedOutput, current?.SerializedCustomStatus, failure, clock.GetUtcNow());
            await instances.UpdateAsync(instanceId, executionId: null, update, long.MaxValue, version, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task FireTimersAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = provider.MaxQueuePollingInterval;
            var retrySoon = false;

            // Until the next wake is planned, any new timer wakes the loop: one written while the
            // table is read may not be in what the read returns.
            signal.PlanTimerWake(DateTimeOffset.MaxValue);
            try
            {
                var (due, nextFireAt) = await timers.PeekAsync(clock.GetUtcNow(), 100, stoppingToken).ConfigureAwait(false);
                var fired = await Task.WhenAll(due.Select(t => FireAsync(t, stoppingToken))).ConfigureAwait(false);
                retrySoon = fired.Contains(false);
                if (due.Count == 100)
                {
                    continue;
                }

                if (nextFireAt is { } next)
                {
                    var untilNext = new DateTimeOffset(next) - clock.GetUtcNow();
                    wait = untilNext < wait ? untilNext : wait;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LoopFailed(ex, "timers");
            }

            var wakeAt = clock.GetUtcNow() + wait;
            signal.PlanTimerWake(retrySoon ? clock.GetUtcNow() : wakeAt);
            if (wait > TimeSpan.Zero)
            {
                // A timer that lost a race is retried shortly in real time; otherwise sleep until the
                // next timer by the runtime's clock, which a test may move on at any moment, even
                // while the sleep is being set up: hence the second look at the clock.
                using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var sleep = retrySoon ? Task.Delay(TimeSpan.FromMilliseconds(100), woken.Token) : Task.Delay(wait, clock, woken.Token);
                if (retrySoon || clock.GetUtcNow() < wakeAt)
                {
                    await Task.WhenAny(sleep, signal.WaitForTimerAsync(woken.Token)).ConfigureAwait(false);
                }

                await woken.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <returns>False when another worker stepped the instance first and the timer must be fired again.</returns>
    private async Task<bool> FireAsync(DueTimer timer, CancellationToken stoppingToken)
    {
        await instanceSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            var fired = new TimerFired(timer.TimerId, timer.FireAt) { Timestamp = clock.GetUtcNow().UtcDateTime, MessageId = TimerStore.MessageIdOf(timer.ExecutionId, timer.TimerId) };
            using (await locks.EnterAsync(timer.InstanceId, stoppingToken).ConfigureAwait(false))
            {
                await stepper.StepAsync(timer.InstanceId, [fired], stoppingToken).ConfigureAwait(false);
            }

            await timers.DeleteAsync(timer, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (HistoryConflictException)
        {
            // The row stays; the next scan fires it again, and history records it once.
            logger.StepConflict(timer.InstanceId);
            return false;
        }
        finally
        {
            instanceSlots.Release();
        }
    }
}
