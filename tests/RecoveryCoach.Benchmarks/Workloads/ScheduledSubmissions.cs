using System.Diagnostics;
using RecoveryCoach.Benchmarks.Reporting;
using RecoveryCoach.Benchmarks.Service;

namespace RecoveryCoach.Benchmarks.Workloads;

/// <summary>
/// Referrals POSTed at a steady rate on a schedule kept by the clock (an open loop): the next
/// one goes when it is due, whether or not earlier ones have been answered, since referrers
/// do not wait for one another. A closed loop would send less exactly when the service is slow,
/// and so hide it.
/// </summary>
public static class ScheduledSubmissions
{
    public const string Page = "submit POST /api/referrals";

    /// <summary>POSTs <paramref name="rate"/> referrals a second for <paramref name="runFor"/>, numbered on from <paramref name="firstNumber"/>.</summary>
    /// <returns>How many were sent, and how far behind its time the latest one started.</returns>
    public static async Task<(int Sent, TimeSpan MostBehind)> RunAsync(
        ServiceApi api, double rate, TimeSpan runFor, int firstNumber, PageTimings timings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(timings);
        var count = (int)Math.Round(rate * runFor.TotalSeconds);
        var calls = new List<Task>(count);
        var mostBehind = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        for (var k = 0; k < count; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var behind = Stopwatch.GetElapsedTime(started) - due;
            mostBehind = behind > mostBehind ? behind : mostBehind;

            // Timed from when it was due, so a late start shows in the figure and is not lost.
            var dueAt = started + (long)(due.TotalSeconds * Stopwatch.Frequency);
            var referral = SampleReferrals.Numbered(firstNumber + k);
            calls.Add(Task.Run(
                () => timings.MeasureAsync(Page, dueAt, async ct => (await api.SubmitReferralAsync(referral, ct).ConfigureAwait(false), null), cancellationToken),
                cancellationToken));
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
        return (count, mostBehind);
    }
}
