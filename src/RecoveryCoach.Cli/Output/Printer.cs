namespace RecoveryCoach.Cli.Output;

/// <summary>Writes the report, in colour on a terminal that shows it and as plain text anywhere else.</summary>
internal sealed class Printer(TextWriter writer, bool colour)
{
    public TextWriter Writer => writer;

    public void Line(string text = "") => writer.WriteLine(text);

    public string Green(string text) => Paint("32", text);

    public string Red(string text) => Paint("31", text);

    public string Yellow(string text) => Paint("33", text);

    public string Bold(string text) => Paint("1", text);

    public string Dim(string text) => Paint("2", text);

    private string Paint(string code, string text) => colour && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
