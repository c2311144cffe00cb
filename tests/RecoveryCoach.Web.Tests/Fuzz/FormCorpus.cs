using System.Text;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// Form posts made from a valid one: each field missing, empty, huge, a NUL, a lone surrogate,
/// U+FFFD, a word where a number goes, a huge number, twice with two values, and in other case;
/// plus a field the page does not know. Values are percent-encoded bytes, so they need not be UTF-8.
/// </summary>
public static class FormCorpus
{
    private static readonly (string Name, string Encoded)[] Values =
    [
        ("empty", string.Empty),
        ("a 100k-character value", new string('a', 100_000)),
        ("a NUL", "%00"),
        ("a lone surrogate", "%ED%A0%80"),
        ("a byte that is never UTF-8", "%FF"),
        ("U+FFFD", "%EF%BF%BD"),
        ("a word", "abc"),
        ("a huge number", "123456789012345678901234567890"),
        ("a negative number", "-1"),
        ("a broken percent escape", "%zz"),
    ];

    public static IReadOnlyList<FuzzCase> For(IReadOnlyList<KeyValuePair<string, string>> valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var cases = new List<FuzzCase>();
        foreach (var (field, value) in valid)
        {
            var others = valid.Where(f => f.Key != field).ToList();
            cases.Add(Post($"{field} missing", others.Select(Encode)));
            foreach (var (name, encoded) in Values)
            {
                cases.Add(Post($"{field} = {name}", valid.Select(f => f.Key == field ? new KeyValuePair<string, string>(Uri.EscapeDataString(f.Key), encoded) : Encode(f))));
            }

            cases.Add(Post($"{field} twice", [.. valid.Select(Encode), Encode(new(field, "other"))]));
            cases.Add(Post($"{field} in lower case", [.. others.Select(Encode), Encode(new(field.ToLowerInvariant(), value))]));
        }

        cases.Add(Post("an unknown field", [.. valid.Select(Encode), Encode(new("Form.Unexpected", "1"))]));
        cases.Add(Post("10k-deep brackets in a field name", [.. valid.Select(Encode), new(Uri.EscapeDataString("Form" + string.Concat(Enumerable.Repeat("[0]", 10_000))), "1")]));
        cases.Add(Post("every field empty", valid.Select(f => new KeyValuePair<string, string>(Uri.EscapeDataString(f.Key), string.Empty))));
        return cases;
    }

    /// <summary>The valid form with its values percent-encoded, as a browser sends it.</summary>
    public static string Body(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(Encode).Select(f => $"{f.Key}={f.Value}"));

    private static KeyValuePair<string, string> Encode(KeyValuePair<string, string> field) =>
        new(Uri.EscapeDataString(field.Key), Uri.EscapeDataString(field.Value));

    /// <summary>Fields already encoded, joined as the body.</summary>
    private static FuzzCase Post(string name, IEnumerable<KeyValuePair<string, string>> encoded) =>
        FuzzCase.Of(name, FuzzCase.Form, Encoding.ASCII.GetBytes(string.Join('&', encoded.Select(f => $"{f.Key}={f.Value}"))));
}
