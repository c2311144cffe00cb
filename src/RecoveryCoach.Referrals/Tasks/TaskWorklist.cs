using System.Globalization;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Tasks;

/// <summary>
/// What staff do with the tasks journeys give them: list them, take one on, complete one with
/// its form, each within what their role and team let them see. A change is stored on the task
/// first and then told to the referral's journey; a journey that misses the news finds the task
/// done when it next chases it.
/// </summary>
public sealed class TaskWorklist(
    TaskStore tasks,
    ReferralStore referrals,
    DurableTaskClient journeys,
    TimeProvider time,
    ILogger<TaskWorklist> logger)
{
    /// <summary>Times a completion reads the task again after it changed in between.</summary>
    private const int ConflictRetries = 5;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The worklist <paramref name="actor"/> asked for, overdue first. Without a team: an admin's
    /// is every team's, a team lead's their team's and triage, a coach's their team's.
    /// </summary>
    /// <returns>Null when the query names a team they may not see.</returns>
    public async Task<IReadOnlyList<CoachTask>?> QueryAsync(TaskQuery query, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        if (query.Team is { } team)
        {
            return actor.CanSee(team == TaskStore.TriageList ? null : team) ? await tasks.QueryAsync(query, now, cancellationToken).ConfigureAwait(false) : null;
        }

        if (actor.Role == StaffRole.Admin)
        {
            return await tasks.QueryAsync(query, now, cancellationToken).ConfigureAwait(false);
        }

        var found = new List<CoachTask>();
        foreach (var list in actor.VisibleTeams)
        {
            found.AddRange(await tasks.QueryAsync(query with { Team = list ?? TaskStore.TriageList }, now, cancellationToken).ConfigureAwait(false));
        }

        return TaskStore.MostUrgentFirst(found, now);
    }

    /// <returns>The task, or null when there is none or <paramref name="actor"/> may not see it.</returns>
    public async Task<CoachTask?> GetAsync(string id, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var task = (await tasks.GetAsync(id, team: null, cancellationToken).ConfigureAwait(false))?.Task;
        return task is not null && actor.CanSee(task.Team) ? task : null;
    }

    /// <summary>Takes an open task on; reminders go to whoever took it last.</summary>
    public async Task<StaffActionResult> ClaimAsync(string id, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (found, refused) = await FindOpenAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (task, etag) = found!.Value;
        try
        {
            return new StaffActionResult.Accepted((await TakeOnAsync(task, etag, actor, cancellationToken).ConfigureAwait(false)).Task);
        }
        catch (TaskConflictException ex)
        {
            return new StaffActionResult.Conflict(ex.Message);
        }
    }

    /// <summary>
    /// Completes an open task of a referral still under way with the form for its type. A task
    /// already done or cancelled, or on a closed referral, is a conflict; a form with errors
    /// changes nothing. A task nobody took on is first taken on by whoever completes it, as if they
    /// had claimed it, so the journey knows them: the initial conversation's makes them the coach.
    /// </summary>
    public async Task<StaffActionResult> CompleteAsync(string id, CompleteRequest request, StaffMember actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CompleteOnceAsync(id, request, actor, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskConflictException) when (attempt < ConflictRetries)
            {
                // The task changed between reading and writing it, as when a reminder or an
                // escalation is recorded at that moment: read it again and, if it is still open, complete it.
            }
            catch (TaskConflictException ex)
            {
                return new StaffActionResult.Conflict(ex.Message);
            }
        }
    }

    /// <exception cref="TaskConflictException">The task changed while it was being completed.</exception>
    private async Task<StaffActionResult> CompleteOnceAsync(string id, CompleteRequest request, StaffMember actor, CancellationToken cancellationToken)
    {
        var (found, refused) = await FindOpenAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (task, etag) = found!.Value;
        var referral = (await referrals.GetAsync(task.ReferralId, cancellationToken).ConfigureAwait(false))?.Referral
            ?? throw new InvalidOperationException($"Task {id} belongs to referral {task.ReferralId}, which does not exist.");
        if (referral.IsFinished)
        {
            return new StaffActionResult.Conflict($"Referral {referral.Reference} is {referral.Status.ToString().ToLowerInvariant()}; its tasks can no longer be done.");
        }

        var errors = new FieldErrors();
        object? outcome = null;
        if (request.Outcome is not { ValueKind: JsonValueKind.Object } form)
        {
            errors.Add("outcome", $"Send the form for '{task.Type.Title()}' as a JSON object");
        }
        else
        {
            var journey = referral.Journey ?? throw new InvalidOperationException($"Referral {referral.Id} has tasks but no journey values.");
            var context = new OutcomeContext(journey, referral.Plan?.Goals.Count ?? 0, journey.MaxExtensionWeeks - (referral.Plan?.ExtensionWeeks ?? 0), DateWindow.OfReferral(referral.SubmittedAt, time.GetUtcNow()));
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

        if (task.Assignee is null)
        {
            (task, etag) = await TakeOnAsync(task, etag, actor, cancellationToken).ConfigureAwait(false);
        }

        var done = task with
        {
            Status = CoachTaskStatus.Done,
            CompletedAt = time.GetUtcNow(),
            CompletedBy = actor.Email,
            Outcome = JsonSerializer.Serialize(outcome, outcome!.GetType(), Web),
        };
        await tasks.UpdateAsync(done, etag, cancellationToken).ConfigureAwait(false);

        await SignalAsync(task.ReferralId, new JourneySignal(JourneySignalKind.TaskCompleted, actor.Email, task.Id), cancellationToken).ConfigureAwait(false);
        return new StaffActionResult.Accepted(done);
    }

    /// <summary>
    /// Gives the task to <paramref name="actor"/>, puts it on the timeline and tells the journey,
    /// which sends reminders to them and, for the person's own tasks, makes them the coach.
    /// </summary>
    /// <exception cref="TaskConflictException">The task changed since <paramref name="etag"/>.</exception>
    private async Task<(CoachTask Task, ETag ETag)> TakeOnAsync(CoachTask task, ETag etag, StaffMember actor, CancellationToken cancellationToken)
    {
        var claimed = task with { Assignee = actor.Email };
        var claimedETag = await tasks.UpdateAsync(claimed, etag, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        AuditEntry line = new(now, actor.Email, "task-claimed", $"Task '{task.Type.Title()}' taken on by {actor.Email}.");
        await referrals.ApplyAsync(task.ReferralId, $"claim-{task.Id}-{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}", now, current => (current.Referral, [line]), cancellationToken).ConfigureAwait(false);
        await SignalAsync(task.ReferralId, new JourneySignal(JourneySignalKind.TaskClaimed, actor.Email, task.Id), cancellationToken).ConfigureAwait(false);
        return (claimed, claimedETag);
    }

    /// <summary>
    /// The open task <paramref name="actor"/> may act on, or why not: none they may see (404,
    /// never saying whether another team's exists), a team lead's task (403), or done (409).
    /// </summary>
    private async Task<((CoachTask Task, ETag ETag)? Found, StaffActionResult? Refused)> FindOpenAsync(string id, StaffMember actor, CancellationToken cancellationToken)
    {
        var found = await tasks.GetAsync(id, team: null, cancellationToken).ConfigureAwait(false);
        if (found is not { } task || !actor.CanSee(task.Task.Team))
        {
            return (null, new StaffActionResult.NotFound("There is no task with that id."));
        }

        if (task.Task.Type.IsForTeamLeads() && !actor.LeadsTeams)
        {
            return (null, new StaffActionResult.Forbidden($"'{task.Task.Type.Title()}' is for team leads."));
        }

        return task.Task.Status == CoachTaskStatus.Open
            ? (task, null)
            : (null, new StaffActionResult.Conflict($"The task is already {(task.Task.Status == CoachTaskStatus.Done ? "done" : "cancelled")}."));
    }

    /// <summary>
    /// Tells the referral's journey. The task is already stored as done or claimed; a journey that
    /// is not running has nothing to be told, and the engine would drop the event unseen.
    /// </summary>
    private async Task SignalAsync(string referralId, JourneySignal signal, CancellationToken cancellationToken)
    {
        if (await journeys.GetInstanceAsync(referralId, cancellationToken).ConfigureAwait(false) is not { IsCompleted: false })
        {
            logger.JourneyNotRunning(referralId, signal.Kind);
            return;
        }

        await journeys.RaiseEventAsync(referralId, JourneySignal.EventName, signal, cancellationToken).ConfigureAwait(false);
    }
}
