using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RecoveryCoach.Web.Hosting;
using RecoveryCoach.Web.Staff;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Web.Tasks;

/// <summary>The tasks API: worklists, taking a task on, and completing it with its form.</summary>
public static class TasksEndpoints
{
    /// <summary>A task form is small; anything near this is not one.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks").RequireAuthorization(StaffSignInExtensions.StaffPolicy);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/claim", ClaimAsync);
        group.MapPost("/{id}/complete", CompleteAsync);
        return routes;
    }

    /// <param name="team">A team's code, or <c>triage</c> for the team leads' shared list; every team when absent.</param>
    /// <param name="assignee">One person's tasks.</param>
    /// <param name="status">open (the default), overdue, done or cancelled.</param>
    private static async Task<Results<Ok<IReadOnlyList<TaskView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? team, string? assignee, string? status, ClaimsPrincipal user, TaskWorklist worklist, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (team is not null && team != "triage" && !Team.TryFind(team, out _))
        {
            errors["team"] = [$"Choose one of: triage, {string.Join(", ", Team.All.Select(t => t.Code))}"];
        }

        (CoachTaskStatus? Status, bool Overdue)? filter = status switch
        {
            null or "open" => (CoachTaskStatus.Open, false),
            "overdue" => (CoachTaskStatus.Open, true),
            "done" => (CoachTaskStatus.Done, false),
            "cancelled" => (CoachTaskStatus.Cancelled, false),
            _ => null,
        };
        if (filter is null)
        {
            errors["status"] = ["Choose one of: open, overdue, done, cancelled"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query has errors");
        }

        var tasks = await worklist.QueryAsync(new TaskQuery(team, assignee, filter!.Value.Status, filter.Value.Overdue), user.Member(), cancellationToken);
        if (tasks is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your team", detail: $"You cannot see the {team} worklist.");
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<TaskView>>([.. tasks.Select(t => TaskView.Of(t, now))]);
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, TaskWorklist worklist, ReferralStore referrals, AccessRecorder access, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await worklist.GetAsync(id, context.User.Member(), cancellationToken) is not { } task)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no task with that id.");
        }

        if (await referrals.GetAsync(task.ReferralId, cancellationToken) is { } record)
        {
            await access.ViewedAsync(context, record.Referral, $"task (API): {task.Type.Title()}", cancellationToken);
        }

        return TypedResults.Ok(TaskView.Of(task, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> ClaimAsync(
        string id, HttpContext context, TaskWorklist worklist, AccessRecorder access, TimeProvider time, CancellationToken cancellationToken) =>
        StaffActionResults.ToHttp(
            await access.ChangedAsync(context, worklist.ClaimAsync(id, context.User.Member(), cancellationToken), ReferralOf, "task claimed", cancellationToken),
            task => TypedResults.Ok(TaskView.Of((CoachTask)task!, time.GetUtcNow())));

    private static Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        string id, HttpRequest request, TaskWorklist worklist, AccessRecorder access, TimeProvider time, CancellationToken cancellationToken) =>
        StaffActionResults.HandleAsync<CompleteRequest, Ok<TaskView>>(
            request,
            MaxBodyBytes,
            body => access.ChangedAsync(request.HttpContext, worklist.CompleteAsync(id, body, request.HttpContext.User.Member(), cancellationToken), ReferralOf, "task completed", cancellationToken),
            task => TypedResults.Ok(TaskView.Of((CoachTask)task!, time.GetUtcNow())),
            cancellationToken);

    private static string ReferralOf(object? task) => ((CoachTask)task!).ReferralId;
}
