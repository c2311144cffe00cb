using System.Diagnostics;

namespace RecoveryCoach.Tests;

/// <summary>
/// The one way tests wait for something another thread or process does: look again and again
/// until it shows, or fail after a generous timeout with what was last seen. A wait never
/// asserts how long something took; tests that care measure it and report it.
/// </summary>
internal static class Eventually
{
    /// <summary>Long enough for a loaded machine; anything slower is a failure, not a slow pass.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Often enough that a test never waits long after the moment; many waits at once should look less often.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads <paramref name="probe"/> until <paramref name="accept"/> holds, and returns what it read last.</summary>
    /// <param name="because">What should happen, for the failure message.</param>
    /// <param name="describe">How to show the last value read when the wait fails; its <c>ToString()</c> otherwise.</param>
    /// <param name="interval">How long to wait between reads.</param>
    /// <exception cref="TimeoutException">It did not happen within <paramref name="timeout"/>.</exception>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> accept,
        string because,
        TimeSpan? timeout = null,
        Func<T, string>? describe = null,
        TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var (value, accepted) = await ReadAsync(probe, accept, limit, interval).ConfigureAwait(false);
        return accepted
            ? value
            : throw new TimeoutException($"Waited {limit.TotalSeconds:0} s: {because}. Last seen: {(describe is null ? value?.ToString() : describe(value))}");
    }

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="accept"/> holds or <paramref name="timeout"/>
    /// is up, and returns what it read last either way: for a look that may rightly come up short,
    /// such as "these emails and no others".
    /// </summary>
    public static async Task<T> UpToAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, TimeSpan? interval = null) =>
        (await ReadAsync(probe, accept, timeout, interval).ConfigureAwait(false)).Value;

    private static async Task<(T Value, bool Accepted)> ReadAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan limit, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (accept(value))
            {
                return (value, true);
            }

            if (waited.Elapsed > limit)
            {
                return (value, false);
            }

            await Task.Delay(interval ?? DefaultInterval).ConfigureAwait(false);
        }
    }
}
