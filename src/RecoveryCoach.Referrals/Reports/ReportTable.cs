namespace RecoveryCoach.Referrals.Reports;

/// <summary>One figure as a report shows and exports it.</summary>
/// <param name="Text">What is read: "12", "83%", "6.2", "fewer than 5".</param>
/// <param name="Value">The number a chart draws; null when withheld or not a number.</param>
public sealed record ReportCell(string Text, double? Value, Disclosure Disclosure = Disclosure.Shown)
{
    public static ReportCell Label(string text) => new(text, null);
}

/// <param name="Label">What the row is about: a week, a reason, a question.</param>
/// <param name="IsTotal">The row adds up the others, so a chart leaves it out.</param>
public sealed record ReportRow(string Label, IReadOnlyList<ReportCell> Cells, bool IsTotal = false);

/// <summary>How a table's figures are drawn.</summary>
/// <param name="Columns">
/// The columns drawn, by index into the table's cells: one gives a bar per row; two give a pair
/// of bars per row (before and after), told apart by their labels and patterns, not by colour.
/// </param>
/// <param name="Unit">What the bars measure, for the chart's title: "referrals", "%".</param>
/// <param name="Max">The scale's top, for measures with one (10 for ONS4, 100 for a share); else the largest bar.</param>
public sealed record ReportChart(IReadOnlyList<int> Columns, string Unit, double? Max = null);

/// <summary>
/// A table of a report, small numbers already withheld: what the page shows under its chart,
/// and exactly what its CSV download holds. References are the most it ever names.
/// </summary>
/// <param name="Id">Stable, for the page's anchors and the CSV's file name.</param>
/// <param name="Columns">The headings: the row label's first, then one per cell.</param>
/// <param name="Chart">How to draw it; null for a table of measures that is not charted.</param>
/// <param name="Note">What it counts, in a sentence.</param>
public sealed record ReportTable(string Id, string Title, string Note, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows, ReportChart? Chart);
