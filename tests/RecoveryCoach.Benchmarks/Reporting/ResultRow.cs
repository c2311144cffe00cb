using System.Globalization;

namespace RecoveryCoach.Benchmarks.Reporting;

/// <summary>One measured figure, as a line of the Markdown table bench.sh prints.</summary>
/// <param name="Workload">Which workload and shape, such as <c>(b) separate worker, after 60 s idle</c>.</param>
/// <param name="Figure">What was measured, in words.</param>
/// <param name="Measured">The figure with its unit.</param>
/// <param name="Aim">The team's aim for it, if it has one.</param>
/// <param name="Met">Whether the aim was met; null when there is none.</param>
public sealed record ResultRow(string Workload, string Figure, string Measured, string Aim = "", bool? Met = null)
{
    public string ToMarkdown() =>
        $"| {Workload} | {Figure} | {Measured} | {Aim} | {Met switch { true => "yes", false => "**no**", null => "" }} |";
}

/// <summary>Formatting and percentiles, invariant so that tables read the same on every machine.</summary>
public static class Figures
{
    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    public static string Seconds(TimeSpan time) => Seconds(time.TotalSeconds);

    public static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0", CultureInfo.InvariantCulture) + " MB";
}
