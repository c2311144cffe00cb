using System.Globalization;
using System.Text.Json;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// The moves a seeded journey is made of, each as the service makes it: a task created with its
/// timeline line, reminders and an escalation while it is overdue (as <c>TaskWatch</c> times
/// them), a claim, a completion with its form stored as the worklist stores it, and closing,
/// which cancels what is left open. Each checks "now" first, and goes no further than it.
/// </summary>
internal sealed partial class SeededJourney
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The open tasks the journey chases, by id: when the first reminder falls, how many went, whether it escalated.</summary>
    private readonly Dictionary<string, Watch> watched = new(StringComparer.Ordinal);

    /// <summary>What happens beside the tasks, at its own time: a discharge, a team lead's answer on more weeks.</summary>
    private readonly List<(DateTimeOffset At, Action Happen)> pending = [];

    /// <summary>A moment after the last step, in working hours, after a skewed wait of about <paramref name="median"/> days.</summary>
    private DateTimeOffset Later(double median, double spread, double most) =>
        SeededTime.InWorkingHours(at.AddDays(SeededTime.Days(f, median, spread, most)), f);

    /// <summary>Creates an open task now, as the journey does when it reaches it.</summary>
    /// <param name="forWhom">Whose list it is on, as the timeline says it.</param>
    /// <returns>The task's id.</returns>
    private string Open(CoachTaskType type, string? team, string? assignee, DateTimeOffset dueAt, string forWhom, string? detail = null, double remindAfterDays = 0)
    {
        var id = Convert.ToHexStringLower(f.Random.Bytes(16));
        tasks.Add(new CoachTask(id, referral.Id, referral.Reference, type, team, assignee, CoachTaskStatus.Open, at, dueAt, null, null, null, null));
        watched[id] = new Watch(dueAt.AddDays(remindAfterDays));
        audit.Add(new AuditEntry(at, "journey", "task-created",
            string.Create(CultureInfo.InvariantCulture, $"Task '{type.Title()}' for {forWhom}, due {dueAt:d MMMM yyyy}.{(detail is null ? null : " " + detail)}")));
        return id;
    }

    /// <summary>
    /// Lets time pass until <paramref name="until"/>, or until now if that is sooner: what was
    /// pending happens and overdue tasks are chased.
    /// </summary>
    /// <returns>Whether <paramref name="until"/> has come, so the step timed then may be taken.</returns>
    private bool Until(DateTimeOffset until)
    {
        var upTo = until <= now ? until : now;
        foreach (var due in pending.Where(p => p.At <= upTo).OrderBy(p => p.At).ToList())
        {
            ChaseAll(due.At);
            pending.Remove(due);
            due.Happen();
        }

        ChaseAll(upTo);
        return until <= now;
    }

    /// <summary>Someone takes the task on, which puts them on the timeline and on the task.</summary>
    private bool Claim(string id, DateTimeOffset claimedAt, string by)
    {
        if (!Until(claimedAt))
        {
            return false;
        }

        var i = tasks.FindIndex(t => t.Id == id);
        tasks[i] = tasks[i] with { Assignee = by };
        audit.Add(new AuditEntry(claimedAt, by, "task-claimed", $"Task '{tasks[i].Type.Title()}' taken on by {by}."));
        return true;
    }

    /// <summary>Completes a task at <paramref name="doneAt"/>, if that has come, and moves the journey on to then.</summary>
    /// <param name="lines">Timeline lines the completion writes before its own, such as the contact attempts.</param>
    private bool Complete(string id, DateTimeOffset doneAt, string by, object outcome, string detail, IEnumerable<AuditEntry>? lines = null)
    {
        var when = doneAt > at ? doneAt : at.AddMinutes(f.Random.Int(5, 90));
        if (!Until(when))
        {
            return false;
        }

        Finish(id, when, by, outcome, detail, lines);
        at = when;
        return true;
    }

    /// <summary>The task as done, as the worklist stores it: taken on first by whoever does it, if nobody had.</summary>
    private void Finish(string id, DateTimeOffset doneAt, string by, object outcome, string detail, IEnumerable<AuditEntry>? lines = null)
    {
        var i = tasks.FindIndex(t => t.Id == id);
        var task = tasks[i];
        if (task.Assignee is null)
        {
            audit.Add(new AuditEntry(doneAt, by, "task-claimed", $"Task '{task.Type.Title()}' taken on by {by}."));
        }

        tasks[i] = task with
        {
            Assignee = task.Assignee ?? by,
            Status = CoachTaskStatus.Done,
            CompletedAt = doneAt,
            CompletedBy = by,
            Outcome = JsonSerializer.Serialize(outcome, outcome.GetType(), Web),
        };
        watched.Remove(id);
        audit.AddRange(lines ?? []);
        audit.Add(new AuditEntry(doneAt, by, "task-done", $"{task.Type.Title()}: {detail}"));
    }

    /// <summary>A discharge from the trust during coaching, recorded by the coach on the day; coaching goes on.</summary>
    private void Discharge(DateTimeOffset recordedAt, string by) => pending.Add((recordedAt, () =>
    {
        var on = SeededTime.UkDay(recordedAt);
        referral = referral with { DischargedOn = on };
        audit.Add(new AuditEntry(recordedAt, by, "discharged", string.Create(CultureInfo.InvariantCulture, $"Discharged from the trust on {on:d MMMM yyyy}; coaching continues.")));
    }));

    /// <summary>The coach asks for a week or two more; the team lead approves within a few days, and the plan grows.</summary>
    private void RequestExtension(string team, string coach)
    {
        var weeks = f.Random.Int(1, Math.Min(2, values.MaxExtensionWeeks));
        var task = Open(CoachTaskType.ExtensionApproval, team, null, at.AddDays(values.TeamLeadDays), "the team leads", $"{coach} asked for {weeks} more week(s).");
        var lead = SeededRoster.Leads[team];
        var answeredAt = Later(0.8, 0.8, 5);
        pending.Add((answeredAt, () =>
        {
            Finish(task, answeredAt, lead, new ExtensionOutcome(Approved: true, weeks), string.Create(CultureInfo.InvariantCulture, $"{weeks} more week(s) approved."));
            referral = referral with { Plan = referral.Plan! with { ExtensionWeeks = referral.Plan.ExtensionWeeks + weeks } };
        }));
    }

    /// <summary>Staff ask to close early once coaching has begun: the journey goes straight to the closure task and stops chasing the rest.</summary>
    private bool EarlyClosureRequested(DateTimeOffset requestedAt, string by)
    {
        var when = requestedAt > at ? requestedAt : at.AddMinutes(f.Random.Int(5, 90));
        if (!Until(when))
        {
            return false;
        }

        audit.Add(new AuditEntry(when, by, "early-closure-requested", "Early closure requested."));
        watched.Clear();
        at = when;
        return true;
    }

    /// <summary>Staff ask to close early before any agreement: the referral closes as withdrawn.</summary>
    /// <returns>False always: the journey goes no further.</returns>
    private bool EndEarly(DateTimeOffset requestedAt, string by)
    {
        if (EarlyClosureRequested(requestedAt, by))
        {
            Close(ClosureReasons.Withdrawn);
        }

        return false;
    }

    /// <summary>Closes the referral a moment after the last step, with the closure task's record if there was one, and cancels the tasks left open.</summary>
    private void Close(string reason)
    {
        var closedAt = at.AddSeconds(f.Random.Int(2, 40));
        if (!Until(closedAt))
        {
            return;
        }

        pending.Clear();
        watched.Clear();
        var closure = referral.Closure is { } recorded ? recorded with { ClosedAt = closedAt } : new ClosureRecord(closedAt, reason);
        referral = referral with { Status = ReferralStatus.Closed, Closure = closure };
        audit.Add(new AuditEntry(closedAt, "journey", "closed", $"Referral closed: {ClosureReasons.Describe(closure.Reason)}."));
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].Status == CoachTaskStatus.Open)
            {
                tasks[i] = tasks[i] with { Status = CoachTaskStatus.Cancelled, CompletedAt = closedAt };
            }
        }

        at = closedAt;
    }

    /// <summary>Sends every reminder and escalation of the open tasks that falls due by <paramref name="upTo"/>.</summary>
    private void ChaseAll(DateTimeOffset upTo)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (watched.TryGetValue(tasks[i].Id, out var watch))
            {
                Chase(i, watch, upTo);
            }
        }
    }

    /// <summary>One task's follow-ups, in <c>TaskWatch</c>'s order: a reminder from its first date on, every interval, and one escalation.</summary>
    private void Chase(int i, Watch watch, DateTimeOffset upTo)
    {
        while (true)
        {
            var task = tasks[i];
            var escalateAt = watch.FirstReminderAt.AddDays(values.EscalateAfterDays);
            var remindAt = watch.FirstReminderAt.AddDays(watch.Reminders * values.ReminderIntervalDays);
            var escalatesNext = !watch.Escalated && escalateAt <= remindAt;
            var next = escalatesNext ? escalateAt : remindAt;
            if (next > upTo)
            {
                return;
            }

            if (escalatesNext)
            {
                watch.Escalated = true;
                tasks[i] = task with { EscalatedAt = next };
                var overdue = (int)Math.Floor((next - task.DueAt).TotalDays);
                audit.Add(new AuditEntry(next, "journey", "task-escalated",
                    string.Create(CultureInfo.InvariantCulture, $"Task '{task.Type.Title()}' is {overdue} day(s) overdue and was escalated to the team lead.")));
            }
            else
            {
                watch.Reminders++;
                audit.Add(new AuditEntry(next, "journey", "task-reminder",
                    string.Create(CultureInfo.InvariantCulture, $"Task '{task.Type.Title()}' was due {task.DueAt:d MMMM yyyy}; {task.Assignee ?? "the team"} reminded.")));
            }
        }
    }

    private sealed class Watch(DateTimeOffset firstReminderAt)
    {
        public DateTimeOffset FirstReminderAt { get; } = firstReminderAt;

        public int Reminders { get; set; }

        public bool Escalated { get; set; }
    }
}
