namespace RecoveryCoach.Web.Pages.Staff;

/// <summary>
/// A horizontal bar chart drawn on the server as SVG. Every bar carries its label and number as
/// text, so it reads without colour; the same figures follow it in a list for screen readers.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, int Value)> Bars)
{
    public const int Width = 720;
    public const int BarHeight = 28;
    public const int Gap = 12;
    public const int LabelWidth = 330;

    public int Height => (Bars.Count * (BarHeight + Gap)) + Gap;

    /// <summary>The length of a bar, the longest filling the space beside the labels.</summary>
    public int LengthOf(int value)
    {
        var most = Math.Max(1, Bars.Max(b => b.Value));
        return (int)Math.Round((Width - LabelWidth - 60) * (double)value / most);
    }
}
