using System.Text;
using System.Text.Json;

namespace RecoveryCoach.Referrals.Rules.Schema;

/// <summary>
/// Reads a policy file that holds a named list (rules under <c>Rules</c> named by <c>RuleName</c>,
/// test cases under <c>Cases</c> named by <c>Name</c>) and words each problem as
/// <c>file:name: message</c>, so a policy owner can go straight to the entry to fix, even when the
/// JSON itself is broken.
/// </summary>
/// <param name="File">The file's name as the messages show it: <c>eligibility.json</c>, <c>tests/ages.json</c>.</param>
/// <param name="List">The property holding the list.</param>
/// <param name="NameProperty">The property that names each entry.</param>
/// <param name="Noun">What an entry is called in messages: rule, case.</param>
public sealed record NamedListJson(string File, string List, string NameProperty, string Noun)
{
    public static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses <paramref name="text"/>; on malformed JSON, adds one error naming the entry where it breaks, and returns null.</summary>
    public JsonDocument? Parse(string text, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" at line {l + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            errors.Add($"{File}{Where(text)}: not valid rule JSON{line}: {Reason(ex)}");
            return null;
        }
    }

    /// <summary>Words schema errors found in <paramref name="document"/> as <c>file:name: place problem</c>.</summary>
    public IEnumerable<string> Describe(JsonDocument document, IEnumerable<SchemaError> problems)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            if (problem.Path.Count >= 2 && problem.Path[0] is string list && list == List && problem.Path[1] is int index)
            {
                var place = problem.PlaceAfter(2);
                yield return $"{File}:{NameAt(document.RootElement, index)}: {(place.Length == 0 ? "the " + Noun : place)} {problem.Problem}";
            }
            else
            {
                var place = problem.PlaceAfter(0);
                yield return $"{File}: {(place.Length == 0 ? "the file" : place)} {problem.Problem}";
            }
        }
    }

    /// <summary>The entry's own name, or its place in the list when it has none yet.</summary>
    public string NameAt(JsonElement root, int index)
    {
        var entry = root.GetProperty(List)[index];
        return entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(NameProperty, out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString())
            ? name.GetString()!
            : $"{Noun} {index + 1}";
    }

    /// <summary>
    /// Reads the text again token by token up to where it breaks, keeping track of the entry it
    /// is in, and names it: <c>:Cambridge</c>, or <c>:after Cambridge</c> between entries.
    /// </summary>
    private string Where(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string? current = null, previous = null, lastProperty = null;
        var index = -1;
        var inList = false;
        var entryOpen = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        lastProperty = reader.GetString();
                        break;
                    case JsonTokenType.StartArray when reader.CurrentDepth == 1 && lastProperty == List:
                        inList = true;
                        break;
                    case JsonTokenType.EndArray when reader.CurrentDepth == 1:
                        inList = false;
                        break;
                    case JsonTokenType.StartObject when inList && reader.CurrentDepth == 2:
                        index++;
                        entryOpen = true;
                        current = null;
                        break;
                    case JsonTokenType.EndObject when inList && reader.CurrentDepth == 2:
                        entryOpen = false;
                        previous = current ?? $"{Noun} {index + 1}";
                        break;
                    case JsonTokenType.String when inList && entryOpen && reader.CurrentDepth == 3 && lastProperty == NameProperty:
                        current = reader.GetString();
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Where it broke is what we were after.
        }

        if (!inList)
        {
            return string.Empty;
        }

        return entryOpen ? ":" + (current ?? $"{Noun} {index + 1}") : previous is null ? string.Empty : ":after " + previous;
    }

    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }
}
