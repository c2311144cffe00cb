using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace RecoveryCoach.Web.Management;

/// <summary>An instance's status in Durable Functions' HTTP shape.</summary>
public sealed record InstanceStatusView(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonNode? Input,
    JsonNode? CustomStatus,
    JsonNode? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyList<TimelineEntry>? HistoryEvents)
{
    public static InstanceStatusView Of(OrchestrationMetadata instance, IReadOnlyList<HistoryEvent>? history)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceStatusView(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            Parse(instance.SerializedInput),
            Parse(instance.SerializedCustomStatus),
            instance.FailureDetails is { } failure ? JsonValue.Create($"{failure.ErrorType}: {failure.ErrorMessage}") : Parse(instance.SerializedOutput),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            history is null ? null : Timeline.Of(history));
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
