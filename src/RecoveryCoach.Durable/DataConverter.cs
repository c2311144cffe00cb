using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryCoach.Durable;

/// <summary>How inputs, outputs, events and custom status are turned into the JSON kept in history.</summary>
public static class DataConverter
{
    /// <summary>Web defaults, with enums written as their names so histories read plainly (numbers still read).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object? Deserialize(string? json, Type type) =>
        json is null ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Options);

    public static T Deserialize<T>(string? json) => (T)Deserialize(json, typeof(T))!;
}
