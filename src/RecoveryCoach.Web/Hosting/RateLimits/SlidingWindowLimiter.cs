using System.Threading.RateLimiting;

namespace RecoveryCoach.Web.Hosting.RateLimits;

/// <summary>
/// A sliding window of <c>permitLimit</c> permits per <c>window</c> on the host's
/// <see cref="TimeProvider"/>: each permit is remembered until a window has passed since it was
/// granted, so no boundary lets twice the limit through, and a refusal says exactly when the
/// next permit comes back. The runtime's limiters read the machine's stopwatch, which a test
/// cannot move; this one reads the clock the rest of the service does.
/// </summary>
internal sealed class SlidingWindowLimiter(int permitLimit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Queue<DateTimeOffset> granted = new();
    private readonly Lock gate = new();
    private long successful;
    private long failed;

    /// <summary>Null while any permit is still in the window, so the partition is kept until it has forgotten them all.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                Forget(now);
                return granted.Count == 0 ? TimeSpan.MaxValue : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (gate)
        {
            Forget(time.GetUtcNow());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = permitLimit - granted.Count,
                TotalSuccessfulLeases = Interlocked.Read(ref successful),
                TotalFailedLeases = Interlocked.Read(ref failed),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        lock (gate)
        {
            var now = time.GetUtcNow();
            Forget(now);
            if (granted.Count + permitCount <= permitLimit)
            {
                for (var i = 0; i < permitCount; i++)
                {
                    granted.Enqueue(now);
                }

                Interlocked.Increment(ref successful);
                return Lease.Acquired;
            }

            Interlocked.Increment(ref failed);
            // The permits needed come back as the oldest ones leave the window.
            var freedBy = granted.ElementAt(granted.Count + permitCount - permitLimit - 1) + window;
            return new Lease(retryAfter: freedBy - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Forget(DateTimeOffset now)
    {
        while (granted.Count > 0 && granted.Peek() + window <= now)
        {
            granted.Dequeue();
        }
    }

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(retryAfter: null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name ? after : null;
            return metadata is not null;
        }
    }
}
