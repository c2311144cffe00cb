using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecoveryCoach.Web.Tests.Fuzz;

/// <summary>
/// JSON bodies made from a valid one: at every path, the value replaced by each hostile value;
/// every object with a key twice, a key in other case and a key the API does not know; and the
/// whole body truncated, wrongly typed or not UTF-8. The same valid body always gives the same cases.
/// </summary>
public static class JsonCorpus
{
    private const string Placeholder = "@@fuzz@@";

    /// <summary>What replaces a value at any path, whatever its type.</summary>
    private static readonly (string Name, string Json)[] AnyValue =
    [
        ("null", "null"),
        ("a 100k-character string", $"\"{new string('a', 100_000)}\""),
        ("10k-deep nesting", new string('[', 10_000) + new string(']', 10_000)),
        ("a NUL", "\"\\u0000\""),
        ("a lone surrogate", "\"\\ud800\""),
        ("U+FFFD", "\"\\ufffd\""),
        ("a huge exponent", "1e400"),
        ("a huge integer", "123456789012345678901234567890"),
    ];

    public static IReadOnlyList<FuzzCase> For(JsonObject valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        valid = JsonNode.Parse(valid.ToJsonString())!.AsObject();
        var cases = new List<FuzzCase>();
        foreach (var (path, node) in Walk(valid, "$"))
        {
            foreach (var (name, json) in WrongTypes(node).Concat(AnyValue).Concat(NumberAsString(node)))
            {
                cases.Add(Body($"{path} = {name}", Replace(valid, node, json)));
            }

            if (node is JsonObject inner && inner.Count > 0)
            {
                cases.AddRange(ObjectCases(valid, path, inner));
            }
        }

        if (valid.Count > 0)
        {
            cases.AddRange(ObjectCases(valid, "$", valid, replaceRoot: true));
        }

        cases.AddRange(WholeBodies(valid.ToJsonString()));
        return cases;
    }

    /// <summary>Every node below <paramref name="node"/> with its path, parents before children.</summary>
    private static IEnumerable<(string Path, JsonNode Node)> Walk(JsonNode node, string path)
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => (Path: $"{path}.{p.Key}", Node: p.Value)),
            JsonArray a => a.Select((n, i) => (Path: $"{path}[{i}]", Node: n)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            if (child is null)
            {
                continue;
            }

            yield return (childPath, child);
            foreach (var below in Walk(child, childPath))
            {
                yield return below;
            }
        }
    }

    private static IEnumerable<(string, string)> WrongTypes(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => [("a string", "\"text\""), ("a number", "1"), ("an array", "[]")],
        JsonValueKind.Array => [("a string", "\"text\""), ("a number", "1"), ("an object", "{}"), ("an array of null", "[null]"), ("an array of an empty object", "[{}]")],
        JsonValueKind.True or JsonValueKind.False => [("a string", "\"true\""), ("a number", "1"), ("an object", "{}"), ("an array", "[]")],
        JsonValueKind.String => [("a number", "12345"), ("a boolean", "true"), ("an object", "{}"), ("an array", "[]")],
        _ => [("a string", "\"text\""), ("a boolean", "true"), ("an object", "{}"), ("an array", "[]"), ("a fraction", "1.5"), ("a negative number", "-1")],
    };

    private static IEnumerable<(string, string)> NumberAsString(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number ? [("the number as a string", $"\"{node.ToJsonString()}\"")] : [];

    /// <summary>A key twice, each key in other case, and a key the API does not know, in one object.</summary>
    private static IEnumerable<FuzzCase> ObjectCases(JsonObject root, string path, JsonObject inner, bool replaceRoot = false)
    {
        var text = inner.ToJsonString();
        var first = inner.First();
        var firstJson = $"\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"}";
        var cases = new List<(string Name, string Json)>
        {
            ($"{path} with \"{first.Key}\" twice", "{" + firstJson + "," + text[1..]),
            ($"{path} with \"{first.Key}\" twice, the other value last", "{" + firstJson + "," + text[1..^1] + "," + $"\"{first.Key}\":{Different(first.Value)}" + "}"),
            ($"{path} with an unknown key", text[..^1] + ",\"unexpected\":1}"),
            ($"{path} with markup as a key", text[..^1] + ",\"<img src=x onerror=alert(1)>\":1}"),
        };
        foreach (var key in inner.Select(p => p.Key))
        {
            var other = char.IsUpper(key[0]) ? key.ToLowerInvariant() : char.ToUpperInvariant(key[0]) + key[1..];
            cases.Add(($"{path}.{key} as \"{other}\"", text.Replace($"\"{key}\":", $"\"{other}\":", StringComparison.Ordinal)));
        }

        return cases.Select(c => Body(c.Name, replaceRoot ? c.Json : Replace(root, inner, c.Json)));
    }

    private static string Different(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "false" : "true",
        JsonValue v when v.TryGetValue<string>(out _) => "\"other\"",
        JsonValue => "0",
        _ => "null",
    };

    private static IEnumerable<FuzzCase> WholeBodies(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        // Raw bytes go inside the first string after the opening brace; an empty body has none, so they go after the brace.
        var quote = utf8.Length > 3 && Array.IndexOf(utf8, (byte)'"', 3) is var found and >= 0 ? found : 1;
        yield return Body("$ truncated at half", json[..(json.Length / 2)]);
        yield return Body("$ without its last brace", json[..^1]);
        yield return Body("$ = only an opening brace", "{");
        yield return Body("$ = an empty body", string.Empty);
        yield return Body("$ = null", "null");
        yield return Body("$ = an empty object", "{}");
        yield return Body("$ = an array", $"[{json}]");
        yield return Body("$ = a string", "\"text\"");
        yield return Body("$ = a number", "1");
        yield return Body("$ = 10k-deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
        yield return Body("$ followed by another object", json + json);
        yield return Body("$ followed by garbage", json + "garbage");
        yield return Body("$ with a comment", "/* note */" + json);
        yield return Body("$ with a trailing comma", json[..^1] + ",}");
        yield return Body("$ with single quotes", json.Replace('"', '\''));
        yield return Body("$ after a byte order mark", "\uFEFF" + json);
        yield return FuzzCase.Of("$ with a raw NUL byte in a string", FuzzCase.Json, [.. utf8[..quote], 0, .. utf8[quote..]]);
        yield return FuzzCase.Of("$ with a lone surrogate as raw bytes", FuzzCase.Json, [.. utf8[..(quote + 1)], 0xED, 0xA0, 0x80, .. utf8[(quote + 1)..]]);
        yield return FuzzCase.Of("$ with a byte that is never UTF-8", FuzzCase.Json, [.. utf8[..(quote + 1)], 0xFF, .. utf8[(quote + 1)..]]);
        yield return FuzzCase.Of("$ with an overlong NUL", FuzzCase.Json, [.. utf8[..(quote + 1)], 0xC0, 0x80, .. utf8[(quote + 1)..]]);
    }

    /// <summary>The valid body with <paramref name="target"/> (a node of it) written as <paramref name="json"/>.</summary>
    private static string Replace(JsonObject root, JsonNode target, string json)
    {
        var path = target.GetPath();
        var copy = JsonNode.Parse(root.ToJsonString())!;
        var node = Find(copy, path);
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = Placeholder;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = Placeholder;
                break;
        }

        return copy.ToJsonString().Replace($"\"{Placeholder}\"", json, StringComparison.Ordinal);
    }

    private static JsonNode Find(JsonNode root, string path)
    {
        foreach (var node in Walk(root, "$"))
        {
            if (node.Node.GetPath() == path)
            {
                return node.Node;
            }
        }

        throw new ArgumentException($"No node at {path}.", nameof(path));
    }

    private static FuzzCase Body(string name, string json) => FuzzCase.Of(name, FuzzCase.Json, json);
}
