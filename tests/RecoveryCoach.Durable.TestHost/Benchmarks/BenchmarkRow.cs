using System.Globalization;

namespace RecoveryCoach.Durable.TestHost.Benchmarks;

/// <summary>One measured figure, next to its aim and what DTFx (Azure Storage provider) reported.</summary>
internal sealed record BenchmarkRow(string Workload, string Figure, string Measured, string Aim, string Reference)
{
    public static string Format(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void Print(IEnumerable<BenchmarkRow> rows)
    {
        Console.WriteLine("| Workload | Figure | Measured | Aim | DTFx reference |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Workload} | {row.Figure} | {row.Measured} | {row.Aim} | {row.Reference} |");
        }
    }

    /// <summary>The value at or below which <paramref name="percent"/>% of the values fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>A hub name of its own for each run, so runs never see each other's instances.</summary>
    public static string NewHub(string workload) => workload + Guid.NewGuid().ToString("N")[..8];
}
