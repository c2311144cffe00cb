using System.Globalization;
using RecoveryCoach.Referrals.Reports;

namespace RecoveryCoach.Web.Pages.Staff.Reports;

/// <summary>One bar of a chart: where it sits, how long it is, and the words beside it.</summary>
/// <param name="Label">The row's label, written once, beside the row's first bar.</param>
/// <param name="Text">The figure as the table gives it, with the series' name when there are two.</param>
/// <param name="Series">0 or 1: which of a pair, drawn solid or hatched.</param>
public sealed record ChartBar(string? Label, string Text, int Y, int Length, int Series);

/// <summary>
/// A table's chart laid out as horizontal bars on the server. Every bar carries its figure as
/// text and a pair of bars differs in pattern as well as in its words, so the chart reads
/// without colour; a withheld figure draws no bar and says so. Totals are left out.
/// </summary>
public sealed record ChartDrawing(string Id, string Title, IReadOnlyList<ChartBar> Bars, int Height)
{
    public const int Width = 760;
    public const int LabelWidth = 300;
    public const int BarHeight = 22;
    private const int Gap = 6;
    private const int RowGap = 14;
    private const int Room = 190;

    public static ChartDrawing? Of(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Chart is not { } chart)
        {
            return null;
        }

        var rows = table.Rows.Where(r => !r.IsTotal).ToList();
        var most = chart.Max ?? Math.Max(1, rows.SelectMany(r => chart.Columns.Select(c => r.Cells[c].Value ?? 0)).DefaultIfEmpty(0).Max());
        var bars = new List<ChartBar>();
        var y = RowGap;
        foreach (var row in rows)
        {
            for (var i = 0; i < chart.Columns.Count; i++)
            {
                var cell = row.Cells[chart.Columns[i]];
                var length = cell.Value is { } value ? (int)Math.Round((Width - LabelWidth - Room) * Math.Max(0, value) / most) : 0;
                var text = chart.Columns.Count > 1 ? $"{table.Columns[chart.Columns[i] + 1].ToLower(CultureInfo.InvariantCulture)}: {cell.Text}" : cell.Text;
                bars.Add(new ChartBar(i == 0 ? row.Label : null, text, y, length, i));
                y += BarHeight + Gap;
            }

            y += RowGap - Gap;
        }

        return new ChartDrawing("chart-" + table.Id, $"{table.Title} (bars: {chart.Unit})", bars, y);
    }
}
