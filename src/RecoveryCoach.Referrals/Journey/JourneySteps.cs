using RecoveryCoach.Durable;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// The steps <see cref="ReferralOrchestrator"/> is made of. Every task it gives staff is chased
/// while overdue (reminders to whoever has it, then an escalation to the team lead), and every
/// signal staff send (a claim, a discharge, an early closure, a request for more weeks) is
/// handled wherever the journey stands. Like the orchestrator it is replayed, so it takes time
/// and ids only from the context, and keeps no state but its own fields.
/// </summary>
internal sealed class JourneySteps(TaskOrchestrationContext context, string referralId)
{
    /// <summary>Storage may be out of reach for a while: try for about half a day.</summary>
    private static readonly TaskOptions StorageRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(20, TimeSpan.FromSeconds(30), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1)));

    /// <summary>Mail may be down for hours: keep trying for about a day, at most an hour apart.</summary>
    private static readonly TaskOptions MailRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(30, TimeSpan.FromMinutes(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1)));

    private readonly List<Watch> watched = [];
    private JourneyValues values = null!;
    private string? team;
    private string? coach;
    private Schedule? plan;
    private string? extensionTaskId;
    private bool planChanged;
    private bool closing;
    private int checkInsHeld;
    private bool discharged;
    private JourneyStatus shown = new("deciding");

    /// <summary>Whether a coaching agreement is in place, so a closure has outcomes to record.</summary>
    public bool HasPlan => plan is not null;

    /// <summary>Decides the referral with the rules in force and sends its acknowledgements.</summary>
    public async Task<JourneyDecision> DecideAndAcknowledgeAsync()
    {
        Show(new JourneyStatus("deciding"));
        var decision = await context.CallActivityAsync<JourneyDecision>(nameof(DecideReferralActivity), referralId, StorageRetry);
        Show(new JourneyStatus("acknowledging"));
        await MailAsync(nameof(SendAcknowledgementsActivity), referralId);
        values = decision.Journey!;
        team = decision.Team;
        return decision;
    }

    public JourneyOutcome Ineligible()
    {
        Show(new JourneyStatus("ended"));
        return new JourneyOutcome(ReferralStatus.Ineligible, null, 0, 0, false);
    }

    /// <summary>A team lead picks the team for a referral no rule placed.</summary>
    public async Task TriageAsync()
    {
        var triage = await TaskAsync(CoachTaskType.Triage, "triage", Days(values.TeamLeadDays), announce: false);
        team = triage.Team;
    }

    /// <param name="announce">Tell the team's inbox; a team allocated by the rules was told with the acknowledgements.</param>
    public Task<TaskResult> InitialConversationAsync(bool announce) =>
        TaskAsync(CoachTaskType.InitialConversation, "initial-conversation", Days(values.FirstContactDays), announce);

    public async Task AgreementAsync()
    {
        var agreement = await TaskAsync(CoachTaskType.Agreement, "agreement", Days(values.AgreementDays), announce: false);
        plan = new Schedule(agreement.CompletedAt.UtcDateTime, agreement.PlannedWeeks!.Value, agreement.CadenceDays!.Value);
    }

    /// <summary>
    /// A check-in task every cadence until the planned weeks end, extensions included. A risk
    /// concern tells the team lead and care coordinator at once; two check-ins in a row without
    /// a session tell the team lead.
    /// </summary>
    public async Task CheckInsAsync()
    {
        var missedInARow = 0;
        var number = 1;
        while (true)
        {
            var dueAt = plan!.AgreedAt.AddDays(number * plan.CadenceDays);
            if (dueAt <= plan.EndsAt)
            {
                var checkIn = await TaskAsync(CoachTaskType.CheckIn, "check-in", dueAt, announce: false);
                number++;
                checkInsHeld += checkIn.SessionHeld == true ? 1 : 0;
                missedInARow = checkIn.SessionHeld == true ? 0 : missedInARow + 1;
                if (checkIn.RiskConcern == true)
                {
                    await EmailAsync(new JourneyEmail(JourneyEmailKind.RiskConcern, checkIn.TaskId));
                }

                if (missedInARow >= 2)
                {
                    await EmailAsync(new JourneyEmail(JourneyEmailKind.MissedCheckIns, checkIn.TaskId));
                }

                continue;
            }

            if (context.CurrentUtcDateTime >= plan.EndsAt)
            {
                return;
            }

            Show(new JourneyStatus("coaching", null, plan.EndsAt, coach));
            await UntilAsync(plan.EndsAt);
        }
    }

    /// <summary>The closure task, then closing with its reason.</summary>
    public async Task<JourneyOutcome> ClosureAsync()
    {
        StopChasing();
        var closure = await TaskAsync(CoachTaskType.Closure, "closure", context.CurrentUtcDateTime, announce: true, remindAfterDays: values.ClosureReminderDays);
        return await CloseAsync(closure.ClosureReason!);
    }

    /// <summary>Closes the referral, cancels what is left open, and tells everyone concerned.</summary>
    public async Task<JourneyOutcome> CloseAsync(string reason)
    {
        StopChasing();
        Show(new JourneyStatus("closing"));
        var closedAs = await context.CallActivityAsync<string>(nameof(CloseReferralActivity), new Closing(referralId, reason), StorageRetry);
        await EmailAsync(new JourneyEmail(JourneyEmailKind.Closed));
        Show(new JourneyStatus("ended"));
        return new JourneyOutcome(ReferralStatus.Closed, closedAs, checkInsHeld, plan?.ExtensionWeeks ?? 0, discharged);
    }

    /// <summary>
    /// From closing on, tasks left open (a check-in, a request for more weeks) are no longer
    /// chased, and closing early or asking for weeks changes nothing; closing cancels them.
    /// </summary>
    private void StopChasing()
    {
        closing = true;
        watched.Clear();
    }

    /// <summary>Gives staff a task and waits until it is done, handling everything else meanwhile.</summary>
    private async Task<TaskResult> TaskAsync(CoachTaskType type, string stage, DateTime dueAt, bool announce, int remindAfterDays = 0)
    {
        var taskId = await CreateTaskAsync(type, dueAt, announce, remindAfterDays);
        Show(new JourneyStatus(stage, taskId, dueAt, type.IsForTeamLeads() ? null : coach));
        while (true)
        {
            if (await NextAsync(until: null) is { } done && done.TaskId == taskId)
            {
                return done;
            }
        }
    }

    private async Task<string> CreateTaskAsync(CoachTaskType type, DateTime dueAt, bool announce, int remindAfterDays, string? detail = null)
    {
        var taskId = context.NewGuid().ToString("N");
        var assignee = type.IsForTeamLeads() ? null : coach;
        var worklist = type == CoachTaskType.Triage ? null : team;
        await context.CallActivityAsync<string>(nameof(CreateTaskActivity), new NewTask(referralId, taskId, type, worklist, assignee, dueAt, detail), StorageRetry);
        watched.Add(new Watch(taskId, type, dueAt.AddDays(remindAfterDays), values));
        if (announce)
        {
            await EmailAsync(new JourneyEmail(JourneyEmailKind.TaskAssigned, taskId));
        }

        return taskId;
    }

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

    /// <returns>Whether the timer fired first; otherwise the signal, or null for one that could not be read.</returns>
    private async Task<(bool TimerFired, JourneySignal? Signal)> SignalOrTimerAsync(DateTime wakeAt)
    {
        using var cancel = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<JourneySignal>(JourneySignal.EventName, cancel.Token);
        var timer = wakeAt == DateTime.MaxValue ? null : context.CreateTimer(wakeAt, cancel.Token);
        var first = await Task.WhenAny(timer is null ? [signal] : [signal, timer]);

        // Cancel on the orchestrator's thread, so the abandoned wait and timer are settled in this step.
        cancel.Cancel();
        if (first == timer)
        {
            return (true, null);
        }

        try
        {
            return (false, await signal);
        }
        catch (System.Text.Json.JsonException)
        {
            // Raised by hand through the management API, perhaps; a journey never stops for it.
            return (false, null);
        }
    }

    /// <returns>False when the task turned out to be done already.</returns>
    private async Task<bool> FollowUpAsync(Watch watch)
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

    private async Task<TaskResult> FinishAsync(Watch watch)
    {
        watched.Remove(watch);
        var result = await context.CallActivityAsync<TaskResult>(nameof(RecordTaskOutcomeActivity), new DoneTask(referralId, watch.TaskId), StorageRetry);
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

    private void Claimed(JourneySignal signal, Watch watch)
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

    private async Task EmailAsync(params JourneyEmail[] emails) =>
        await MailAsync(nameof(SendJourneyEmailsActivity), new EmailsToSend(referralId, emails));

    private async Task MailAsync(string activity, object input)
    {
        try
        {
            await context.CallActivityAsync<int>(activity, input, MailRetry);
        }
        catch (TaskFailedException)
        {
            // After a day of trying, each email still unsent shows as failed on the referral's
            // timeline; the journey must not stop for mail.
        }
    }

    private void Show(JourneyStatus status)
    {
        shown = status;
        context.SetCustomStatus(status);
    }

    private DateTime Days(int days) => context.CurrentUtcDateTime.AddDays(days);

    /// <summary>The agreed plan as the journey times it.</summary>
    private sealed record Schedule(DateTime AgreedAt, int PlannedWeeks, int CadenceDays, int ExtensionWeeks = 0)
    {
        public DateTime EndsAt => AgreedAt.AddDays(7 * (PlannedWeeks + ExtensionWeeks));

        public Schedule Extended(int weeks) => this with { ExtensionWeeks = ExtensionWeeks + weeks };
    }

    /// <summary>
    /// When an open task is next chased: a reminder on its due date (or a set number of days
    /// after it) and every reminder interval after that, and one escalation to the team lead a
    /// set number of days after the first reminder.
    /// </summary>
    private sealed class Watch(string taskId, CoachTaskType type, DateTime firstReminderAt, JourneyValues values)
    {
        private readonly DateTime escalateAt = firstReminderAt.AddDays(values.EscalateAfterDays);
        private int reminders;
        private bool escalated;

        public string TaskId => taskId;

        public CoachTaskType Type => type;

        public DateTime NextAt => EscalatesNext ? escalateAt : NextReminderAt;

        private DateTime NextReminderAt => firstReminderAt.AddDays(reminders * values.ReminderIntervalDays);

        private bool EscalatesNext => !escalated && escalateAt <= NextReminderAt;

        public (FollowUpKind Kind, int Number) TakeNext()
        {
            if (EscalatesNext)
            {
                escalated = true;
                return (FollowUpKind.Escalation, 0);
            }

            return (FollowUpKind.Reminder, reminders++);
        }
    }
}
