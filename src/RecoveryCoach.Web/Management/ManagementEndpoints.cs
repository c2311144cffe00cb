using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Client;

namespace RecoveryCoach.Web.Management;

/// <summary>
/// The durable engine's management API in Durable Functions' shape: status (202 while running, 200 when
/// finished), history as a timeline, raise event, terminate, purge, and a filtered list.
/// </summary>
public static class ManagementEndpoints
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static IEndpointRouteBuilder MapManagement(this IEndpointRouteBuilder routes)
    {
        var instances = routes.MapGroup("/runtime/webhooks/durabletask/instances")
            .AddEndpointFilter(RequireEnabledAsync)
            .RequireAuthorization(Staff.StaffSignInExtensions.AdminPolicy);
        instances.MapGet("/", ListAsync);
        instances.MapGet("/{instanceId}", GetAsync);
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        instances.MapPost("/{instanceId}/terminate", TerminateAsync);
        instances.MapDelete("/{instanceId}", PurgeAsync);
        instances.MapDelete("/", PurgeRangeAsync);
        return routes;
    }

    private static async ValueTask<object?> RequireEnabledAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<IOptions<ManagementOptions>>().Value.Enabled
            ? await next(context)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<InstanceStatusView>, Accepted<InstanceStatusView>, ProblemHttpResult>> GetAsync(
        string instanceId, bool? showHistory, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is not { } instance)
        {
            return NotFound();
        }

        var history = showHistory == true ? (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken)).AsReadOnly() : null;
        var view = InstanceStatusView.Of(instance, history);
        return instance.IsCompleted ? TypedResults.Ok(view) : TypedResults.Accepted((string?)null, view);
    }

    private static async Task<Results<Ok<IReadOnlyList<InstanceStatusView>>, ValidationProblem>> ListAsync(
        HttpContext http,
        string? runtimeStatus,
        DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo,
        int? top,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (runtimeStatus ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["runtimeStatus"] = [$"'{name}' is not a runtime status; use any of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}"],
                });
            }

            statuses.Add(status);
        }

        var continuation = http.Request.Headers[ContinuationHeader].ToString();
        var query = new OrchestrationQuery(createdTimeFrom, createdTimeTo, statuses, PageSize: Math.Clamp(top ?? 100, 1, 1000), FetchInputsAndOutputs: true);
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuation.Length == 0 ? null : continuation).WithCancellation(cancellationToken))
        {
            if (page.ContinuationToken is { Length: > 0 } next)
            {
                http.Response.Headers[ContinuationHeader] = next;
            }

            return TypedResults.Ok<IReadOnlyList<InstanceStatusView>>([.. page.Values.Select(i => InstanceStatusView.Of(i, null))]);
        }

        return TypedResults.Ok<IReadOnlyList<InstanceStatusView>>([]);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseEventAsync(
        string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        JsonElement? payload = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
            ? await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken)
            : null;
        return await ForRunningAsync(client, instanceId, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Terminates a running instance. One still pending is refused: the engine would mark it
    /// terminated and leave its start message queued, to run later against whatever then holds the id.
    /// </summary>
    private static Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        ForRunningAsync(client, instanceId, () => client.TerminateInstanceAsync(instanceId, reason, cancellationToken), cancellationToken, startedOnly: true);

    /// <summary>Purges a finished instance; one still running must be terminated first, so its journey is never removed from under it.</summary>
    private static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult>> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        switch (await client.GetInstanceAsync(instanceId, cancellationToken))
        {
            case null:
                return NotFound();
            case { IsCompleted: false } running:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The instance is still running", detail: $"Instance {instanceId} is {running.RuntimeStatus}; terminate it before purging it.");
            default:
                var purged = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
                return purged.PurgedInstanceCount == 0 ? NotFound() : TypedResults.Ok(new PurgeHistoryResult(purged.PurgedInstanceCount));
        }
    }

    private static async Task<Ok<PurgeHistoryResult>> PurgeRangeAsync(DateTimeOffset createdTimeFrom, DateTimeOffset? createdTimeTo, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var finished = new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated };
        var purged = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(createdTimeFrom, createdTimeTo, finished), cancellation: cancellationToken);
        return TypedResults.Ok(new PurgeHistoryResult(purged.PurgedInstanceCount));
    }

    /// <summary>
    /// Acts on a running instance. The engine accepts messages for unknown and finished instances
    /// and drops them, so the instance is looked up first to answer 404 or 410.
    /// </summary>
    /// <param name="startedOnly">Refuse a pending instance too (409), as a terminate must.</param>
    private static async Task<Results<Accepted, ProblemHttpResult>> ForRunningAsync(DurableTaskClient client, string instanceId, Func<Task> act, CancellationToken cancellationToken, bool startedOnly = false)
    {
        switch (await client.GetInstanceAsync(instanceId, cancellationToken))
        {
            case null:
                return NotFound();
            case { IsCompleted: true } finished:
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The instance has finished", detail: $"Instance {instanceId} has finished ({finished.RuntimeStatus}).");
            case { RuntimeStatus: OrchestrationRuntimeStatus.Pending } when startedOnly:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The instance has not started", detail: $"Instance {instanceId} is Pending; terminate it once it is Running.");
            default:
                await act();
                return TypedResults.Accepted((string?)null);
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such instance", detail: "There is no instance with that id.");
}

/// <summary>The answer to a purge, as Durable Functions gives it.</summary>
public sealed record PurgeHistoryResult(int InstancesDeleted);
