namespace RecoveryCoach.Durable.Worker;

/// <summary>
/// Wakes this process's worker at once when its own client starts an instance, raises an event
/// or terminates, and when a step creates a timer, so nothing waits out a polling back-off while
/// idle workers still poll rarely.
/// </summary>
internal sealed class WorkerSignal : IDisposable
{
    private readonly SemaphoreSlim messages = new(0, 1);
    private readonly SemaphoreSlim timers = new(0, 1);

    /// <summary>A message was sent to a control queue.</summary>
    public void MessageSent() => Release(messages);

    private long plannedWakeTicks = long.MaxValue;

    /// <summary>The timer loop says when it will next look, so later timers need not wake it.</summary>
    public void PlanTimerWake(DateTimeOffset at) => Interlocked.Exchange(ref plannedWakeTicks, at.UtcTicks);

    /// <summary>A timer was written; the timer loop wakes only if it fires before the loop planned to look.</summary>
    public void TimerCreated(DateTime fireAt)
    {
        if (fireAt.Ticks < Interlocked.Read(ref plannedWakeTicks))
        {
            Release(timers);
        }
    }

    public Task<bool> WaitForMessageAsync(TimeSpan timeout, CancellationToken cancellationToken) => messages.WaitAsync(timeout, cancellationToken);

    public Task WaitForTimerAsync(CancellationToken cancellationToken) => timers.WaitAsync(cancellationToken);

    public void Dispose()
    {
        messages.Dispose();
        timers.Dispose();
    }

    private static void Release(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up serves every message sent before it is taken.
        }
    }
}
