using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Durable;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Tasks;

/// <summary>
/// What staff do with the tasks journeys give them: list them, take one on, complete one with
/// its form. A change is stored on the task first and then told to the referral's journey; a
/// journey that misses the news finds the task done when it next chases it.
/// </summary>
public sealed class TaskWorklist(
    TaskStore tasks,
    ReferralStore referrals,
    DurableTaskClient journeys,
    TimeProvider time,
    ILogger<TaskWorklist> logger)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public Task<IReadOnlyList<CoachTask>> QueryAsync(TaskQuery query, CancellationToken cancellationToken) =>
        tasks.QueryAsync(query, time.GetUtcNow(), cancellationToken);

    public async Task<CoachTask?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await tasks.GetAsync(id, team: null, cancellationToken).ConfigureAwait(false))?.Task;

    /// <summary>Takes an open task on; reminders go to whoever took it last.</summary>
    public async Task<StaffActionResult> ClaimAsync(string id, ClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var by = errors.RequireStaff(request.By);
        if (errors.Any)
        {
            return StaffActionResult.From(errors);
        }

        if (await tasks.GetAsync(id, team: null, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return NoTask(id);
        }

        var (task, etag) = found;

        if (task.Status != CoachTaskStatus.Open)
        {
            return NotOpen(task);
        }

        var claimed = task with { Assignee = by };
        try
        {
            await tasks.UpdateAsync(claimed, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskConflictException ex)
        {
            return new StaffActionResult.Conflict(ex.Message);
        }

        var now = time.GetUtcNow();
        AuditEntry line = new(now, by!, "task-claimed", $"Task '{task.Type.Title()}' taken on by {by}.");
        await referrals.ApplyAsync(task.ReferralId, $"claim-{task.Id}-{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}", now, current => (current.Referral, [line]), cancellationToken).ConfigureAwait(false);
        await SignalAsync(task.ReferralId, new JourneySignal(JourneySignalKind.TaskClaimed, by!, task.Id), cancellationToken).ConfigureAwait(false);
        return new StaffActionResult.Accepted(claimed);
    }

    /// <summary>
    /// Completes an open task of a referral still under way with the form for its type. A task
    /// already done or cancelled, or on a closed referral, is a conflict; a form with errors
    /// changes nothing.
    /// </summary>
    public async Task<StaffActionResult> CompleteAsync(string id, CompleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await tasks.GetAsync(id, team: null, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return NoTask(id);
        }

        var (task, etag) = found;

        if (task.Status != CoachTaskStatus.Open)
        {
            return NotOpen(task);
        }

        var referral = (await referrals.GetAsync(task.ReferralId, cancellationToken).ConfigureAwait(false))?.Referral
            ?? throw new InvalidOperationException($"Task {id} belongs to referral {task.ReferralId}, which does not exist.");
        if (referral.IsFinished)
        {
            return new StaffActionResult.Conflict($"Referral {referral.Reference} is {referral.Status.ToString().ToLowerInvariant()}; its tasks can no longer be done.");
        }

        var errors = new FieldErrors();
        var by = errors.RequireStaff(request.By);
        object? outcome = null;
        if (request.Outcome is not { ValueKind: JsonValueKind.Object } form)
        {
            errors.Add("outcome", $"Send the form for '{task.Type.Title()}' as a JSON object");
        }
        else
        {
            var journey = referral.Journey ?? throw new InvalidOperationException($"Referral {referral.Id} has tasks but no journey values.");
            var context = new OutcomeContext(journey, referral.Plan?.Goals.Count ?? 0, journey.MaxExtensionWeeks - (referral.Plan?.ExtensionWeeks ?? 0));
            var validation = TaskOutcomeValidator.Validate(task.Type, form, context);
            foreach (var (field, messages) in validation.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add("outcome." + field, message);
                }
            }

            outcome = validation.Outcome;
        }

        if (errors.Any)
        {
            return StaffActionResult.From(errors);
        }

        var done = task with
        {
            Status = CoachTaskStatus.Done,
            Assignee = task.Assignee ?? by,
            CompletedAt = time.GetUtcNow(),
            CompletedBy = by,
            Outcome = JsonSerializer.Serialize(outcome, outcome!.GetType(), Web),
        };
        try
        {
            await tasks.UpdateAsync(done, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskConflictException ex)
        {
            return new StaffActionResult.Conflict(ex.Message);
        }

        await SignalAsync(task.ReferralId, new JourneySignal(JourneySignalKind.TaskCompleted, by!, task.Id), cancellationToken).ConfigureAwait(false);
        return new StaffActionResult.Accepted(done);
    }

    private async Task SignalAsync(string referralId, JourneySignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await journeys.RaiseEventAsync(referralId, JourneySignal.EventName, signal, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InstanceNotFoundException or InstanceCompletedException)
        {
            // The task is stored as done; a journey that is not running has nothing to be told.
            logger.JourneyNotRunning(referralId, signal.Kind);
        }
    }

    private static StaffActionResult.NotFound NoTask(string id) => new($"There is no task with id {id}.");

    private static StaffActionResult.Conflict NotOpen(CoachTask task) =>
        new($"The task is already {(task.Status == CoachTaskStatus.Done ? "done" : "cancelled")}.");
}
