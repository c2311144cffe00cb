using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RecoveryCoach.Referrals.Rules.Schema;

namespace RecoveryCoach.Referrals;

/// <summary>
/// Turns the error a strict JSON read raises into an error on the field it names
/// (<c>$.person.dateOfBirth</c> becomes <c>person.dateOfBirth</c>), so a form or API client
/// learns which field is wrong rather than that the body is. The field is built only from the
/// names the type declares and array positions, never from the caller's text: a key that is
/// not declared is reported on the object that holds it, with the declared name it most
/// likely meant.
/// </summary>
public static class JsonFieldError
{
    /// <param name="exception">What the read raised.</param>
    /// <param name="type">The type that was read, whose declared names the field is made of.</param>
    /// <param name="whole">What the JSON is, for the message: "request" or "form".</param>
    public static (string Field, string Message) From(JsonException exception, Type type, string whole)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(type);
        var (field, holder, next) = Walk(exception.Path, StrictJson.Options.GetTypeInfo(type));
        var fieldName = field.Length > 0 ? field : "body";
        if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var declared = holder?.Kind == JsonTypeInfoKind.Object ? holder.Properties.Select(p => p.Name) : [];
            var meant = next is null ? null : LikelyName.Of(next, declared);
            return (fieldName, meant is null
                ? $"This object has a key that is not part of the {whole}"
                : $"This object has a key that is not part of the {whole} (did you mean '{meant}'?)");
        }

        return (fieldName, exception.Message.Contains("uplicate", StringComparison.Ordinal)
            ? "This field is given more than once"
            : "This field has the wrong type of value");
    }

    /// <summary>
    /// Follows <paramref name="path"/> from <paramref name="root"/> for as long as each step is a
    /// declared property or an array position.
    /// </summary>
    /// <returns>The path so far; the type it reached; and the first step that was not declared, if any.</returns>
    private static (string Field, JsonTypeInfo? Reached, string? Undeclared) Walk(string? path, JsonTypeInfo root)
    {
        var field = new System.Text.StringBuilder();
        var current = root;
        foreach (var (name, index) in Steps(path))
        {
            if (index is { } position && current.Kind == JsonTypeInfoKind.Enumerable && current.ElementType is { } element)
            {
                field.Append(CultureInfo.InvariantCulture, $"[{position}]");
                current = current.Options.GetTypeInfo(element);
                continue;
            }

            var property = name is null || current.Kind != JsonTypeInfoKind.Object
                ? null
                : current.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (property is null)
            {
                return (field.ToString(), current, name);
            }

            field.Append(field.Length == 0 ? string.Empty : ".").Append(property.Name);
            current = current.Options.GetTypeInfo(property.PropertyType);
        }

        return (field.ToString(), current, null);
    }

    /// <summary>The steps of a System.Text.Json path: <c>$.a['b c'][2]</c> is a, b c, then position 2.</summary>
    private static IEnumerable<(string? Name, int? Index)> Steps(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            yield break;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 1)..end], null);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 2)..end], null);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                yield return int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? (null, index)
                    : (path[(i + 1)..end], null);
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }
}
