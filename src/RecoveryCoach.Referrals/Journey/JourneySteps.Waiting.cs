using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// How the journey waits: for a signal from staff, or until the next overdue task is chased,
/// and how it handles whichever comes first.
/// </summary>
internal sealed partial class JourneySteps
{
    /// <summary>Waits until <paramref name="until"/>, or until an extension changes the plan, handling everything meanwhile.</summary>
    private async Task UntilAsync(DateTime until)
    {
        planChanged = false;
        while (!planChanged && context.CurrentUtcDateTime < until)
        {
            await NextAsync(until);
        }
    }

    /// <summary>
    /// Waits for the next thing to happen and handles it: a signal from staff, a follow-up of
    /// an overdue task falling due, or <paramref name="until"/> passing.
    /// </summary>
    /// <returns>The result of a task that was done; null when something else happened.</returns>
    private async Task<TaskResult?> NextAsync(DateTime? until)
    {
        var wakeAt = watched.Select(w => w.NextAt).Append(until ?? DateTime.MaxValue).Min();
        var (timerFired, signal) = await SignalOrTimerAsync(wakeAt);
        if (timerFired)
        {
            foreach (var watch in watched.Where(w => w.NextAt <= wakeAt).ToList())
            {
                if (!await FollowUpAsync(watch))
                {
                    // Done, though its signal has not arrived (or was lost): go on from the task itself.
                    return await FinishAsync(watch);
                }
            }

            return null;
        }

        switch (signal?.Kind)
        {
            case JourneySignalKind.TaskCompleted when watched.Find(w => w.TaskId == signal!.TaskId) is { } watch:
                return await FinishAsync(watch);
            case JourneySignalKind.TaskClaimed when watched.Find(w => w.TaskId == signal!.TaskId) is { } claimed:
                Claimed(signal!, claimed);
                break;
            case JourneySignalKind.Discharged when !discharged && signal!.Date is { } on:
                await context.CallActivityAsync<bool>(nameof(RecordDischargeActivity), new Discharge(referralId, on, signal.By), StorageRetry);
                discharged = true;
                await EmailAsync(new JourneyEmail(JourneyEmailKind.Discharged));
                break;
            case JourneySignalKind.EarlyClosureRequested when !closing:
                throw new EarlyClosureRequestedException($"Early closure requested by {signal!.By}.");
            case JourneySignalKind.ExtensionRequested when plan is not null && extensionTaskId is null && !closing:
                extensionTaskId = await CreateTaskAsync(
                    CoachTaskType.ExtensionApproval,
                    Days(values.TeamLeadDays),
                    announce: true,
                    remindAfterDays: 0,
                    detail: $"{signal!.By} asked for {signal.Weeks} more week(s).");
                break;
        }

        // Anything else (a second discharge, a signal for a task already finished, one that could
        // not be read) changes nothing.
        return null;
    }

    /// <summary>
    /// Waits for a signal or until <paramref name="wakeAt"/>. One wait for signals stays open
    /// across calls until a signal arrives; it is never cancelled, so a signal raised while a
    /// follow-up or anything else runs is always delivered to it and never lost to an abandoned wait.
    /// </summary>
    /// <returns>Whether the timer fired first; otherwise the signal, or null for one that could not be read.</returns>
    private async Task<(bool TimerFired, JourneySignal? Signal)> SignalOrTimerAsync(DateTime wakeAt)
    {
        pendingSignal ??= context.WaitForExternalEvent<JsonNode?>(JourneySignal.EventName);
        if (wakeAt != DateTime.MaxValue)
        {
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(wakeAt, cancel.Token);
            if (await Task.WhenAny(pendingSignal, timer) == timer)
            {
                return (true, null);
            }

            // Cancel on the orchestrator's thread, so the abandoned timer is settled in this step.
            cancel.Cancel();
        }

        var payload = await pendingSignal;
        pendingSignal = null;
        return (false, JourneySignal.Read(payload));
    }

    /// <returns>False when the task turned out to be done already.</returns>
    private async Task<bool> FollowUpAsync(TaskWatch watch)
    {
        var (kind, number) = watch.TakeNext();
        try
        {
            return await context.CallActivityAsync<bool>(nameof(FollowUpTaskActivity), new FollowUp(referralId, watch.TaskId, kind, number), MailRetry);
        }
        catch (TaskFailedException)
        {
            // The failed email is on the referral's timeline; keep chasing the task.
            return true;
        }
    }

    private async Task<TaskResult> FinishAsync(TaskWatch watch)
    {
        watched.Remove(watch);
        var result = await context.CallActivityAsync<TaskResult>(nameof(RecordTaskOutcomeActivity), new DoneTask(referralId, watch.TaskId), StorageRetry);

        // Completing a task nobody took on takes it on first, and the claim is signalled before
        // the completion; should the completion still arrive first, whoever did the person's task is their coach.
        if (coach is null && !result.Type.IsForTeamLeads())
        {
            coach = result.CompletedBy;
        }
        if (result.Type == CoachTaskType.ExtensionApproval && result.TaskId == extensionTaskId)
        {
            extensionTaskId = null;
            if (result.Approved == true && plan is not null)
            {
                plan = plan.Extended(result.Weeks!.Value);
                planChanged = true;
            }
        }

        return result;
    }

    private void Claimed(JourneySignal signal, TaskWatch watch)
    {
        if (shown.TaskId == signal.TaskId)
        {
            Show(shown with { Assignee = signal.By });
        }

        // Whoever takes on the person's own tasks becomes their coach; team leads' tasks change nothing.
        if (!watch.Type.IsForTeamLeads())
        {
            coach = signal.By;
        }
    }
}
