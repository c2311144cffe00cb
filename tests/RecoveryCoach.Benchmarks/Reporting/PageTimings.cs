using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace RecoveryCoach.Benchmarks.Reporting;

/// <summary>One request of a load run: the page, how long it took to be answered or to fail, and why it failed.</summary>
/// <param name="Error">Null when the page gave its expected answer; otherwise the status, <c>timeout</c>, or the exception.</param>
public sealed record PageSample(string Page, TimeSpan Took, string? Error);

/// <summary>
/// Every request of a load run, each kept: no sampling and no histogram buckets, so a percentile
/// is the nearest rank over all of them. A failed request is a sample too, at the time it took
/// to fail, so a page that times out cannot look fast by dropping out of its own figures.
/// </summary>
/// <param name="timeout">How long a request may take before it is given up and counted as an error.</param>
public sealed class PageTimings(TimeSpan timeout)
{
    private readonly ConcurrentQueue<PageSample> samples = new();

    public IReadOnlyList<PageSample> Samples => [.. samples];

    /// <summary>Times <paramref name="call"/> from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp) and keeps the sample.</summary>
    /// <param name="startedAt">
    /// When the request was meant to start: now for a session's next page, the scheduled time for
    /// an open-loop submission, so that a late start counts against the figure rather than vanishing.
    /// </param>
    /// <param name="call">Makes the request; returns what the caller needs from the answer, or the error when the answer was not the expected one.</param>
    /// <returns>What <paramref name="call"/> returned, or null when the request failed.</returns>
    public async Task<string?> MeasureAsync(string page, long startedAt, Func<CancellationToken, Task<(string? Value, string? Error)>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        string? value = null, error;
        try
        {
            (value, error) = await call(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"timeout ({timeout.TotalSeconds:0} s)";
        }
        catch (HttpRequestException ex)
        {
            error = ex.StatusCode is { } status ? $"HTTP {(int)status}" : $"{ex.HttpRequestError} ({ex.Message})";
        }
        catch (JsonException ex)
        {
            error = $"unreadable answer ({ex.Message})";
        }

        samples.Enqueue(new PageSample(page, Stopwatch.GetElapsedTime(startedAt), error));
        return error is null ? value : null;
    }

    /// <summary>
    /// A row per page, in the order given, with its count, p50, p95 and p99 and its errors, each
    /// measured against the aim; then the errors over all pages, by kind.
    /// </summary>
    public IReadOnlyList<ResultRow> Rows(string workload, IReadOnlyList<string> pages, double aimMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var all = Samples;
        var aim = $"p95 < {aimMilliseconds:0} ms, 0 errors";
        var rows = new List<ResultRow>();
        foreach (var page in pages)
        {
            var these = all.Where(s => s.Page == page).ToList();
            var took = these.Select(s => s.Took.TotalMilliseconds).ToList();
            var errors = these.Count(s => s.Error is not null);
            var p95 = Figures.Percentile(took, 95);
            rows.Add(new ResultRow(
                workload,
                $"{page}: requests; p50 / p95 / p99; errors",
                $"{these.Count}; {Milliseconds(Figures.Percentile(took, 50))} / {Milliseconds(p95)} / {Milliseconds(Figures.Percentile(took, 99))} ms; {errors}",
                aim,
                these.Count > 0 && p95 < aimMilliseconds && errors == 0));
        }

        var failed = all.Where(s => s.Error is not null).ToList();
        var kinds = string.Join(", ", failed
            .GroupBy(s => $"{s.Page}: {s.Error}")
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} ×{g.Count()}"));
        rows.Add(new ResultRow(workload, "errors, all pages", failed.Count == 0 ? $"0 of {all.Count}" : $"{failed.Count} of {all.Count} ({kinds})", "0", failed.Count == 0));
        return rows;
    }

    private static string Milliseconds(double value) => Figures.Number(value, "0");
}
