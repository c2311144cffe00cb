using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RecoveryCoach.Durable;

namespace RecoveryCoach.Functions.Management;

/// <summary>
/// The runtime's management API in Durable Functions' shape: status (202 while running, 200 when
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
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not { } instance)
        {
            return NotFound(instanceId);
        }

        var history = showHistory == true ? await client.GetHistoryAsync(instanceId, cancellationToken) : null;
        var view = InstanceStatusView.Of(instance, history);
        return instance.IsCompleted ? TypedResults.Ok(view) : TypedResults.Accepted((string?)null, view);
    }

    private static async Task<Ok<IReadOnlyList<InstanceStatusView>>> ListAsync(
        HttpContext http,
        string? runtimeStatus,
        DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo,
        int? top,
        DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var statuses = (runtimeStatus ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true))
            .ToList();
        var continuation = http.Request.Headers[ContinuationHeader].ToString();
        var page = await client.QueryInstancesAsync(
            new OrchestrationQuery(statuses, createdTimeFrom, createdTimeTo, Math.Clamp(top ?? 100, 1, 1000), continuation.Length == 0 ? null : continuation),
            cancellationToken);
        if (page.ContinuationToken is { } next)
        {
            http.Response.Headers[ContinuationHeader] = next;
        }

        return TypedResults.Ok<IReadOnlyList<InstanceStatusView>>([.. page.Instances.Select(i => InstanceStatusView.Of(i, null))]);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseEventAsync(
        string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        JsonElement? payload = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
            ? await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken)
            : null;
        return await ForRunningAsync(instanceId, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken));
    }

    private static Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        ForRunningAsync(instanceId, () => client.TerminateInstanceAsync(instanceId, reason, cancellationToken));

    private static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult>> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var purged = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        return purged.PurgedInstanceCount == 0 ? NotFound(instanceId) : TypedResults.Ok(new PurgeHistoryResult(purged.PurgedInstanceCount));
    }

    private static async Task<Ok<PurgeHistoryResult>> PurgeRangeAsync(DateTimeOffset createdTimeFrom, DateTimeOffset? createdTimeTo, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var purged = await client.PurgeInstancesAsync(createdTimeFrom, createdTimeTo ?? DateTimeOffset.MaxValue, cancellationToken);
        return TypedResults.Ok(new PurgeHistoryResult(purged.PurgedInstanceCount));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ForRunningAsync(string instanceId, Func<Task> act)
    {
        try
        {
            await act();
            return TypedResults.Accepted((string?)null);
        }
        catch (InstanceNotFoundException)
        {
            return NotFound(instanceId);
        }
        catch (InstanceCompletedException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The instance has finished", detail: ex.Message);
        }
    }

    private static ProblemHttpResult NotFound(string instanceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such instance", detail: $"There is no instance with id {instanceId}.");
}

/// <summary>The answer to a purge, as Durable Functions gives it.</summary>
public sealed record PurgeHistoryResult(int InstancesDeleted);
