namespace RecoveryCoach.Cli.Output;

/// <summary>
/// A table of plain-text columns, padded to line up. Colour is applied to a cell's text after its
/// width is measured, so escape codes never throw the columns out.
/// </summary>
internal sealed class Table(params string[] headings)
{
    private readonly List<Cell[]> rows = [];

    public Table Row(params Cell[] cells)
    {
        rows.Add(cells);
        return this;
    }

    public void WriteTo(Printer printer)
    {
        var widths = headings.Select((h, i) => rows.Select(r => i < r.Length ? r[i].Text.Length : 0).Append(h.Length).Max()).ToArray();
        printer.Line(Render([.. headings.Select(h => new Cell(h, printer.Bold))], widths));
        foreach (var row in rows)
        {
            printer.Line(Render(row, widths));
        }
    }

    private static string Render(Cell[] cells, int[] widths) =>
        "  " + string.Join("  ", cells.Select((cell, i) =>
            (cell.Paint ?? (t => t))(cell.Text) + new string(' ', i == cells.Length - 1 ? 0 : widths[i] - cell.Text.Length))).TrimEnd();
}

/// <summary>One cell: its text, and how to colour it.</summary>
internal readonly record struct Cell(string Text, Func<string, string>? Paint = null)
{
    public static implicit operator Cell(string text) => new(text);
}
