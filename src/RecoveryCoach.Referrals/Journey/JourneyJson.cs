using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// How journey inputs, outputs, signals and custom status become JSON in the journey's history.
/// Every host uses this one setting (the local worker and client, and the Functions worker's
/// serializer), so a payload one writes, another reads the same way.
/// </summary>
public static class JourneyJson
{
    /// <summary>Web defaults (camel case, read case-insensitively), with enums written as their names so histories read plainly.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The Durable Task SDK's converter over <see cref="Options"/>.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);
}
