using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Execution;

/// <summary>
/// The orchestrator's view of its instance during a replay: every call it makes becomes a
/// numbered action whose outcome is filled in from history or, once history runs out, from
/// what the runtime does next.
/// </summary>
internal sealed class ReplayContext(string instanceId, ExecutionStarted started) : TaskOrchestrationContext
{
    /// <summary>The largest custom status accepted, serialised.</summary>
    public const int MaxCustomStatusLength = 16 * 1024;

    private readonly Dictionary<int, OrchestratorAction> unrecorded = [];
    private readonly Dictionary<int, Action<HistoryEvent>> open = [];
    private readonly HashSet<int> abandonedTimers = [];
    private readonly List<int> newlyAbandonedTimers = [];
    private readonly Dictionary<string, Queue<EventRaised>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<Action<EventRaised>>> eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private int nextId;
    private int guidCounter;

    public override string InstanceId => instanceId;

    public override string Name => started.Name;

    public override string Version => started.Version;

    public override DateTime CurrentUtcDateTime => Now;

    public override bool IsReplaying => Replaying;

    public DateTime Now { get; set; }

    public bool Replaying { get; set; }

    public string? CustomStatus { get; private set; }

    /// <summary>Set when the code asked to continue as new.</summary>
    public (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    public override Guid NewGuid()
    {
        // A name-based GUID from the instance, the step time and a counter: the same on every replay.
        var name = Encoding.UTF8.GetBytes($"{InstanceId}_{Now:o}_{guidCounter++}");
        var hash = SHA256.HashData(name);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return options?.Retry is { } retry ? CallWithRetryAsync<TResult>(name, input, retry) : CallOnceAsync<TResult>(name, input);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var id = nextId++;
        var completion = new TaskCompletionSource();
        unrecorded[id] = new CreateTimerAction(id, DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        open[id] = _ => completion.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (completion.TrySetCanceled(cancellationToken))
                {
                    abandonedTimers.Add(id);
                    open.Remove(id);
                    if (!Replaying)
                    {
                        newlyAbandonedTimers.Add(id);
                    }
                }
            });
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var ready))
        {
            return Task.FromResult(DataConverter.Deserialize<T>(ready.Input));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var completion = new TaskCompletionSource<T>();
        if (!eventWaiters.TryGetValue(eventName, out var waiters))
        {
            eventWaiters[eventName] = waiters = new LinkedList<Action<EventRaised>>();
        }

        var node = waiters.AddLast(e =>
        {
            try
            {
                completion.TrySetResult(DataConverter.Deserialize<T>(e.Input));
            }
            catch (System.Text.Json.JsonException ex)
            {
                completion.TrySetException(ex);
            }
        });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (completion.TrySetCanceled(cancellationToken) && node.List is not null)
                {
                    waiters.Remove(node);
                }
            });
        }

        return completion.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var json = DataConverter.Serialize(customStatus);
        if (json is { Length: > MaxCustomStatusLength })
        {
            throw new ArgumentException($"The custom status is {json.Length:N0} characters; at most {MaxCustomStatusLength:N0} are kept.", nameof(customStatus));
        }

        CustomStatus = json;
    }

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (DataConverter.Serialize(newInput), preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(this, logger);

    /// <summary>The actions asked for since the last call, in order; they are now taken as recorded.</summary>
    public IReadOnlyList<OrchestratorAction> TakeUnrecordedActions()
    {
        var actions = unrecorded.Values.OrderBy(a => a.Id).ToList();
        unrecorded.Clear();
        return actions;
    }

    /// <summary>History says action <paramref name="id"/> was taken: it must be the one the code asked for.</summary>
    public void MatchRecorded(int id, string kind, string? name, Func<OrchestratorAction, bool> sameAction)
    {
        if (!unrecorded.Remove(id, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"History records {kind} '{name}' as action #{id}, but on replay the orchestrator '{Name}' did not ask for action #{id}. The code has changed under this running instance.");
        }

        if (!sameAction(action))
        {
            throw new NonDeterministicOrchestrationException(
                $"History records {kind} '{name}' as action #{id}, but on replay the orchestrator '{Name}' asked for {Describe(action)}. The code has changed under this running instance.");
        }
    }

    /// <summary>Whether the code has given up on this timer by cancelling its token.</summary>
    public bool IsAbandoned(int timerId) => abandonedTimers.Contains(timerId);

    /// <summary>Timers the code gave up on since the last call, outside replay: their rows can go.</summary>
    public IReadOnlyList<int> TakeNewlyAbandonedTimers()
    {
        var taken = newlyAbandonedTimers.ToList();
        newlyAbandonedTimers.Clear();
        return taken;
    }

    /// <summary>Delivers a task or timer outcome to the code waiting for it; false when nothing waits.</summary>
    public bool Complete(int id, HistoryEvent outcome)
    {
        if (abandonedTimers.Contains(id) || !open.Remove(id, out var deliver))
        {
            return false;
        }

        deliver(outcome);
        return true;
    }

    public void Raise(EventRaised raised)
    {
        if (eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value(raised);
            return;
        }

        if (!bufferedEvents.TryGetValue(raised.Name, out var queue))
        {
            bufferedEvents[raised.Name] = queue = new Queue<EventRaised>();
        }

        queue.Enqueue(raised);
    }

    /// <summary>Events raised that the code never waited for, oldest first.</summary>
    public IReadOnlyList<EventRaised> UnconsumedEvents() => [.. bufferedEvents.Values.SelectMany(q => q)];

    private static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskAction task => $"activity '{task.Name}'",
        CreateTimerAction timer => $"a timer until {timer.FireAt:o}",
        _ => action.GetType().Name,
    };

    private Task<TResult> CallOnceAsync<TResult>(string name, object? input)
    {
        var id = nextId++;
        var completion = new TaskCompletionSource<TResult>();
        unrecorded[id] = new ScheduleTaskAction(id, name, DataConverter.Serialize(input));
        open[id] = outcome =>
        {
            switch (outcome)
            {
                case TaskCompleted completed:
                    try
                    {
                        completion.SetResult(DataConverter.Deserialize<TResult>(completed.Result));
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        completion.SetException(ex);
                    }

                    break;
                case TaskFailed failed:
                    completion.SetException(new TaskFailedException(name, id, failed.Failure));
                    break;
            }
        };
        return completion.Task;
    }

    private async Task<TResult> CallWithRetryAsync<TResult>(string name, object? input, RetryPolicy retry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CallOnceAsync<TResult>(name, input);
            }
            catch (TaskFailedException) when (attempt < retry.MaxNumberOfAttempts)
            {
                await CreateTimer(Now + retry.DelayAfter(attempt), CancellationToken.None);
            }
        }
    }

    private sealed class ReplaySafeLogger(ReplayContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.Replaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.Replaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
