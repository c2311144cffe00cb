using System.Globalization;
using System.Text.Json;

namespace RecoveryCoach.Referrals.Rules.Schema;

/// <summary>
/// Checks a JSON document against a schema written in JSON Schema (2020-12), the documented shape
/// of a rule or test file. Only the keywords these schemas need are supported, and a schema that
/// uses any other keyword is refused when it is read: a schema that claims a check nobody
/// enforces would be worse than none.
/// </summary>
public sealed class JsonSchema
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$comment", "title", "description", "examples", "$defs"];

    private static readonly HashSet<string> Assertions =
        ["$ref", "type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "const", "minLength", "minimum", "exclusiveMinimum", "maximum", "format"];

    private readonly JsonElement root;

    private JsonSchema(JsonElement root) => this.root = root;

    /// <summary>Reads a schema, refusing any keyword this checker does not enforce.</summary>
    /// <exception cref="InvalidOperationException">The schema uses an unsupported keyword, a reference that does not resolve, or an unknown format.</exception>
    public static JsonSchema Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        var schema = new JsonSchema(document.RootElement.Clone());
        schema.CheckKeywords(schema.root, "#");
        return schema;
    }

    /// <summary>Every way <paramref name="instance"/> breaks the schema, in document order; empty when it fits.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Check(root, instance, [], errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, List<object> path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Resolve(reference.GetString()!);
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(type, value))
        {
            errors.Add(new(path.ToList(), $"must be {Describe(type)}, not {KindOf(value)}"));
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add(new(path.ToList(), $"must be {constant.GetRawText()}, not {Show(value)}"));
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add(new(path.ToList(), $"must be one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()))}, not {Show(value)}"));
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, path, errors);
                break;
            default:
                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, List<object> path, List<SchemaError> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var known = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(k => k.Name).ToList() : [];
        var present = value.EnumerateObject().Select(k => k.Name).ToList();
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(n => n.GetString()!).ToList() : [];
        var missing = required.Where(name => !present.Contains(name, StringComparer.Ordinal)).ToList();
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;

        foreach (var property in value.EnumerateObject())
        {
            path.Add(property.Name);
            if (known.Contains(property.Name, StringComparer.Ordinal))
            {
                Check(properties.GetProperty(property.Name), property.Value, path, errors);
            }
            else if (closed)
            {
                var meant = LikelyName.Of(property.Name, known.Except(present, StringComparer.Ordinal));
                if (meant is not null)
                {
                    missing.Remove(meant);
                }

                errors.Add(new(path.ToList(), meant is not null
                    ? $"is not a property this can have; did you mean \"{meant}\"?"
                    : $"is not a property this can have; it can have {string.Join(", ", known.Where(k => !k.StartsWith('$')))}"));
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, property.Value, path, errors);
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var name in missing)
        {
            var description = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var s) && s.TryGetProperty("description", out var d) ? d.GetString() : null;
            errors.Add(new([.. path, name], description is null ? "is missing" : $"is missing: {description}"));
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, List<object> path, List<SchemaError> errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add(new(path.ToList(), count == 0 ? $"is empty; it needs at least {min.GetInt32()}" : $"has {count}; it needs at least {min.GetInt32()}"));
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                path.Add(i++);
                Check(items, item, path, errors);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private static void CheckString(JsonElement schema, string text, List<object> path, List<SchemaError> errors)
    {
        if (schema.TryGetProperty("minLength", out var min) && text.Trim().Length < min.GetInt32())
        {
            errors.Add(new(path.ToList(), min.GetInt32() == 1 ? "must not be empty" : $"must be at least {min.GetInt32()} characters"));
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date"
            && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new(path.ToList(), $"must be a date written YYYY-MM-DD, not \"{text}\""));
        }
    }

    private static void CheckNumber(JsonElement schema, JsonElement value, List<object> path, List<SchemaError> errors)
    {
        var number = value.GetDouble();
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
        {
            errors.Add(new(path.ToList(), $"must be at least {min.GetRawText()}, not {value.GetRawText()}"));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var above) && number <= above.GetDouble())
        {
            errors.Add(new(path.ToList(), $"must be more than {above.GetRawText()}, not {value.GetRawText()}"));
        }

        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
        {
            errors.Add(new(path.ToList(), $"must be at most {max.GetRawText()}, not {value.GetRawText()}"));
        }
    }

    private JsonElement Resolve(string reference)
    {
        const string Prefix = "#/$defs/";
        return reference.StartsWith(Prefix, StringComparison.Ordinal) && root.TryGetProperty("$defs", out var defs) && defs.TryGetProperty(reference[Prefix.Length..], out var target)
            ? target
            : throw new InvalidOperationException($"The schema reference {reference} does not resolve; only #/$defs/<name> is supported.");
    }

    private void CheckKeywords(JsonElement schema, string at)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Annotations.Contains(keyword.Name) && !Assertions.Contains(keyword.Name))
            {
                throw new InvalidOperationException($"The schema keyword {keyword.Name} at {at} is not enforced by this checker.");
            }

            switch (keyword.Name)
            {
                case "$ref":
                    Resolve(keyword.Value.GetString()!);
                    break;
                case "format" when keyword.Value.GetString() != "date":
                    throw new InvalidOperationException($"The schema format {keyword.Value.GetString()} at {at} is not enforced by this checker.");
                case "properties" or "$defs":
                    foreach (var child in keyword.Value.EnumerateObject())
                    {
                        CheckKeywords(child.Value, $"{at}/{keyword.Name}/{child.Name}");
                    }

                    break;
                case "items" or "additionalProperties":
                    CheckKeywords(keyword.Value, $"{at}/{keyword.Name}");
                    break;
                default:
                    break;
            }
        }
    }

    private static bool HasType(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => Is(t.GetString()!, value)) : Is(type.GetString()!, value);

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"The schema type {type} is not known."),
    };

    private static string Describe(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => Name(t.GetString()!))) : Name(type.GetString()!);

    private static string Name(string type) => type switch
    {
        "object" => "an object { … }",
        "array" => "a list [ … ]",
        "string" => "text in quotes",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        _ => type,
    };

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the text \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    private static string Show(JsonElement value) => value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? KindOf(value) : value.GetRawText();
}
