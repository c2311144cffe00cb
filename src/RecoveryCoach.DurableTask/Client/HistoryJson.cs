using DurableTask.Core.History;
using Newtonsoft.Json.Linq;

namespace RecoveryCoach.DurableTask.Client;

/// <summary>
/// Reads the history the Azure Storage provider hands out as JSON (without type names) back into
/// DTFx's own history event types, chosen by each event's <see cref="HistoryEvent.EventType"/>.
/// </summary>
public static class HistoryJson
{
    public static IList<HistoryEvent> Read(string json) =>
        [.. JArray.Parse(json).Cast<JObject>().Select(e => (HistoryEvent)e.ToObject(TypeOf(e.Value<int>(nameof(HistoryEvent.EventType))))!)];

    private static Type TypeOf(int eventType)
    {
        var name = ((EventType)eventType).ToString();
        var assembly = typeof(HistoryEvent).Assembly;
        return assembly.GetType($"{typeof(HistoryEvent).Namespace}.{name}Event") ?? assembly.GetType($"{typeof(HistoryEvent).Namespace}.{name}")
            ?? throw new NotSupportedException($"No history event type for {name}.");
    }
}
