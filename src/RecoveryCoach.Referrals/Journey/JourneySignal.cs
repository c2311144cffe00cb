using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>What staff can tell a running journey, at any point in it.</summary>
public enum JourneySignalKind
{
    /// <summary>A task was done; the journey reads its outcome from the task.</summary>
    TaskCompleted,

    /// <summary>Someone took a task on; reminders now go to them.</summary>
    TaskClaimed,

    /// <summary>The person was discharged from the trust; coaching continues.</summary>
    Discharged,

    /// <summary>The journey should close now rather than when the planned weeks end.</summary>
    EarlyClosureRequested,

    /// <summary>The coach asks a team lead for more weeks.</summary>
    ExtensionRequested,
}

/// <summary>
/// The one event a referral's journey listens for. It names tasks and staff, never the person
/// or anything clinical: it is kept in the journey's history.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="By">The member of staff who did it.</param>
/// <param name="TaskId">The task, for <see cref="JourneySignalKind.TaskCompleted"/> and <see cref="JourneySignalKind.TaskClaimed"/>.</param>
/// <param name="Date">The date of discharge, for <see cref="JourneySignalKind.Discharged"/>.</param>
/// <param name="Weeks">The weeks asked for, for <see cref="JourneySignalKind.ExtensionRequested"/>.</param>
public sealed record JourneySignal(JourneySignalKind Kind, string By, string? TaskId = null, DateOnly? Date = null, int? Weeks = null)
{
    public const string EventName = "JourneySignal";

    /// <summary>
    /// The signal in an event's payload, or null when it is not one: an event raised by hand
    /// through the management API, perhaps. A journey never stops for such an event.
    /// </summary>
    public static JourneySignal? Read(JsonNode? payload)
    {
        try
        {
            return payload?.Deserialize<JourneySignal>(JourneyJson.Options) is { By: not null } signal && Enum.IsDefined(signal.Kind) ? signal : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
