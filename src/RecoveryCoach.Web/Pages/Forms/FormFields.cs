namespace RecoveryCoach.Web.Pages.Forms;

/// <summary>A text input or textarea as the NHS.UK design system draws it: label, hint, error, value.</summary>
/// <param name="Id">The element id, which the error summary links to.</param>
/// <param name="Name">The form field name.</param>
/// <param name="Width">An NHS.UK width class such as <c>nhsuk-input--width-10</c>, or null for full width.</param>
/// <param name="MaxLength">For a textarea, the character count shown to the user.</param>
public sealed record TextField(
    string Id,
    string Name,
    string Label,
    string? Value,
    string? Error,
    string? Hint = null,
    string Type = "text",
    string? Autocomplete = null,
    string? Width = null,
    string? InputMode = null,
    bool Textarea = false,
    int? MaxLength = null);

/// <summary>A set of radios with a legend, one of which may be chosen.</summary>
/// <param name="Options">Each option's value and label.</param>
public sealed record RadioField(
    string Id,
    string Name,
    string Legend,
    string? Value,
    string? Error,
    IReadOnlyList<(string Value, string Label)> Options,
    string? Hint = null,
    bool Inline = false)
{
    public static IReadOnlyList<(string Value, string Label)> YesNo { get; } = [("yes", "Yes"), ("no", "No")];
}

/// <summary>The errors of a form: each links from the summary to the field it is about.</summary>
public sealed record FormErrors(IReadOnlyList<(string Id, string Message)> Items)
{
    public static FormErrors None { get; } = new([]);

    public bool Any => Items.Count > 0;

    public string? For(string id) => Items.FirstOrDefault(e => e.Id == id).Message;
}
