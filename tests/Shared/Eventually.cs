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
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (accept(value))
            {
                return value;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s: {because}. Last seen: {(describe is null ? value?.ToString() : describe(value))}");
            }

            await Task.Delay(interval ?? DefaultInterval).ConfigureAwait(false);
        }
    }
}
