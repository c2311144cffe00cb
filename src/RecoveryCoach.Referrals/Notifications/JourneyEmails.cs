using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>The emails a journey sends as it goes.</summary>
public enum JourneyEmailKind
{
    /// <summary>A new task, to whoever it is for: the coach, the team's inbox, or the team lead.</summary>
    TaskAssigned,

    /// <summary>An overdue task, to whoever it is for.</summary>
    TaskReminder,

    /// <summary>A task overdue past escalation, to the team lead.</summary>
    TaskEscalated,

    /// <summary>The person was discharged from the trust: the care coordinator is told coaching continues.</summary>
    Discharged,

    /// <summary>A risk concern at a check-in: the team lead and the care coordinator, at once.</summary>
    RiskConcern,

    /// <summary>Check-ins missed in a row: the team lead.</summary>
    MissedCheckIns,

    /// <summary>The referral closed: the referrer, the person, the care coordinator while involved, and the GP practice.</summary>
    Closed,
}

/// <summary>One email a journey asks for; the task and number make its key, so each is sent once.</summary>
/// <param name="TaskId">The task it is about, for task emails, risk concerns and missed check-ins.</param>
/// <param name="Number">Which reminder of the task, counting from 0.</param>
public sealed record JourneyEmail(JourneyEmailKind Kind, string? TaskId = null, int Number = 0);

/// <summary>The emails to send, and notes for the timeline about people who could not be emailed.</summary>
public sealed record EmailBatch(IReadOnlyList<ReferralEmail> Emails, IReadOnlyList<string> NotEmailed);

/// <summary>
/// Writes the emails of a referral's journey. Like every email of the service they carry the
/// reference and a link, never the person's name, the reason for referral or any notes: staff
/// read those after signing in. The GP summary gives dates and outcomes in plain words only.
/// </summary>
public sealed class JourneyEmails(IOptions<NotificationOptions> options)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly NotificationOptions settings = options.Value;

    /// <param name="record">The referral as stored now.</param>
    /// <param name="tasks">The referral's tasks.</param>
    /// <param name="email">Which email.</param>
    public EmailBatch Write(ReferralRecord record, IReadOnlyList<CoachTask> tasks, JourneyEmail email)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(email);
        var referral = record.Referral;
        var task = email.TaskId is null ? null : tasks.FirstOrDefault(t => t.Id == email.TaskId)
            ?? throw new InvalidOperationException($"Referral {referral.Id} has no task {email.TaskId}.");
        var batch = new Batch(referral, Telemetry.ReferralTelemetry.Name(email.Kind));
        switch (email.Kind)
        {
            case JourneyEmailKind.TaskAssigned:
                batch.To(ForTask(task!), $"task-{task!.Id}", $"Task for referral {referral.Reference}: {task.Type.Title()}", TaskText(task, $"A task for referral {referral.Reference} is yours: {task.Type.Title()}."));
                break;
            case JourneyEmailKind.TaskReminder:
                batch.To(ForTask(task!), $"reminder-{task!.Id}-{email.Number}", $"Reminder: {task.Type.Title()} for referral {referral.Reference}", TaskText(task, $"Reminder: this task for referral {referral.Reference} is overdue."));
                break;
            case JourneyEmailKind.TaskEscalated:
                batch.To(TeamLead(task!.Team), $"escalation-{task.Id}", $"Overdue: {task.Type.Title()} for referral {referral.Reference}", TaskText(task, $"This task for referral {referral.Reference} is overdue past the escalation point, so it comes to you as team lead."));
                break;
            case JourneyEmailKind.Discharged:
                batch.To(CareCoordinator(referral), "discharged-care-coordinator", $"Referral {referral.Reference}: discharged from the trust, coaching continues", Lines(
                    $"We have recorded that the person referred to the Recovery Coach Team as {referral.Reference} was discharged from the trust on {referral.DischargedOn:d MMMM yyyy}.",
                    "Their recovery coaching and peer support continue as agreed; there is nothing you need to do.",
                    Footer(referral)));
                break;
            case JourneyEmailKind.RiskConcern:
                var risk = $"A recovery coach recorded a risk concern at a check-in for referral {referral.Reference} on {task!.CompletedAt:d MMMM yyyy}.";
                const string review = "Please review the referral now and contact the coach.";
                batch.To(TeamLead(referral.TeamCode), $"risk-{task.Id}-team-lead", $"Risk concern recorded: referral {referral.Reference}", Lines(risk, review, StaffFooter(referral)));
                batch.To(CareCoordinator(referral), $"risk-{task.Id}-care-coordinator", $"Risk concern recorded: referral {referral.Reference}", Lines(risk, review, Footer(referral)));
                break;
            case JourneyEmailKind.MissedCheckIns:
                batch.To(TeamLead(referral.TeamCode), $"missed-check-ins-{task!.Id}", $"Check-ins missed: referral {referral.Reference}", Lines(
                    $"The last two check-ins for referral {referral.Reference} were recorded without a session with the person.",
                    $"The most recent was on {task.CompletedAt:d MMMM yyyy}. Please talk with the coach about what happens next.",
                    StaffFooter(referral)));
                break;
            case JourneyEmailKind.Closed:
                Closed(batch, record, tasks);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(email), email.Kind, "No such journey email.");
        }

        return new EmailBatch(batch.Emails, batch.NotEmailed);
    }

    private void Closed(Batch batch, ReferralRecord record, IReadOnlyList<CoachTask> tasks)
    {
        var referral = record.Referral;
        var closure = referral.Closure ?? throw new InvalidOperationException($"Referral {referral.Id} has not closed.");
        var self = referral.Details.Referrer.Relationship == ReferrerRelationship.Self;
        var subject = $"Referral {referral.Reference} has closed";
        var outcome = $"The Recovery Coach Team has closed referral {referral.Reference}: {ClosureReasons.Describe(closure.Reason)}.";
        var signposting = closure.Reason == ClosureReasons.NotRightNow ? SignpostingOf(tasks) : null;

        batch.To(Referrer(referral), "closed-referrer", subject, Lines(
            outcome,
            closure.Reason == ClosureReasons.NotRightNow && !self ? "The team has pointed the person to other support." : null,
            self && signposting is not null ? $"Where else you can turn: {signposting}" : null,
            Footer(referral)));
        // A person the team could not reach is not written to again; the referrer and care coordinator are told.
        if (!self && closure.Reason != ClosureReasons.NotEngaged)
        {
            batch.To(("person", referral.Details.Person.Email), "closed-person", subject, Lines(
                $"The Recovery Coach Team has closed your referral {referral.Reference}: {ClosureReasons.Describe(closure.Reason)}.",
                signposting is null ? null : $"Where else you can turn: {signposting}",
                Footer(referral)));
        }

        if (referral.DischargedOn is null)
        {
            batch.To(CareCoordinator(referral), "closed-care-coordinator", subject, Lines(outcome, Footer(referral)));
        }

        if (closure.Reason != ClosureReasons.NotEngaged)
        {
            batch.To(("GP practice", referral.Details.Person.GpPracticeEmail), "closed-gp", $"Recovery Coach Team summary: referral {referral.Reference}", GpSummary(record, tasks));
        }
    }

    /// <summary>Dates and outcomes in plain words; no notes, goals or free text.</summary>
    private string GpSummary(ReferralRecord record, IReadOnlyList<CoachTask> tasks)
    {
        var referral = record.Referral;
        var closure = referral.Closure!;
        var held = tasks.Count(t => t.Type == CoachTaskType.CheckIn && t.Status == CoachTaskStatus.Done && Read<CheckInOutcome>(t)?.SessionHeld == true);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Summary from the Recovery Coach Team for referral {referral.Reference}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Referred: {referral.SubmittedAt:d MMMM yyyy}");
        if (referral.Plan is { } plan)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Coaching agreed: {plan.AgreedAt:d MMMM yyyy}, for {plan.PlannedWeeks + plan.ExtensionWeeks} weeks");
        }

        if (referral.DischargedOn is { } discharged)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Discharged from the trust: {discharged:d MMMM yyyy}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Closed: {closure.ClosedAt:d MMMM yyyy}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Outcome: {ClosureReasons.Describe(closure.Reason)}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Check-ins with a session held: {held}.");
        if (closure.GoalOutcomes is { Count: > 0 } goals)
        {
            var metOrBetter = goals.Count(g => g.Rating >= 0);
            text.AppendLine(CultureInfo.InvariantCulture, $"Personal goals: {goals.Count} set; {metOrBetter} met or exceeded what was expected at closure.");
        }

        if (closure.ConnectedWith is { Count: > 0 } connected)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Connected with {connected.Count} community organisation(s) or activity(ies).");
        }

        return text.AppendLine().Append(Footer(referral)).ToString();
    }

    private static string? SignpostingOf(IReadOnlyList<CoachTask> tasks) =>
        tasks.Where(t => t.Type == CoachTaskType.InitialConversation && t.Status == CoachTaskStatus.Done)
            .Select(t => Read<InitialConversationOutcome>(t)?.Signposting)
            .LastOrDefault(s => s is not null);

    private static T? Read<T>(CoachTask task)
        where T : class =>
        task.Outcome is null ? null : JsonSerializer.Deserialize<T>(task.Outcome, Web);

    private (string Role, string? Address) ForTask(CoachTask task) => task.Type switch
    {
        CoachTaskType.Triage => ("team leads", settings.TriageInbox),
        CoachTaskType.ExtensionApproval => TeamLead(task.Team),
        _ when task.Assignee is not null => ("coach", task.Assignee),
        _ => ("team inbox", task.Team is null ? settings.TriageInbox : settings.TeamInboxes[task.Team]),
    };

    private (string Role, string? Address) TeamLead(string? team) =>
        team is not null && settings.TeamLeadInboxes.TryGetValue(team, out var lead) ? ("team lead", lead) : ("team leads", settings.TriageInbox);

    /// <summary>The care coordinator named, or else the referrer who said they are the care coordinator.</summary>
    private static (string Role, string? Address) CareCoordinator(Referral referral) =>
        ("care coordinator", referral.Details.CareCoordinator?.Email
            ?? (referral.Details.Referrer.Relationship == ReferrerRelationship.CareCoordinator ? referral.Details.Referrer.Email : null));

    private static (string Role, string? Address) Referrer(Referral referral) =>
        ("referrer", referral.Details.Referrer.Relationship == ReferrerRelationship.Self ? referral.Details.Person.Email : referral.Details.Referrer.Email);

    private string TaskText(CoachTask task, string opening) => Lines(
        opening,
        $"Task: {task.Type.Title()}",
        $"Due: {task.DueAt:d MMMM yyyy}",
        $"Open it: {settings.TaskLink(task.Id)}");

    /// <summary>For people outside the team: the public status page, which says only where the referral stands.</summary>
    private string Footer(Referral referral) =>
        $"You can see where the referral stands at {settings.StatusPageLink(referral.Id)}\nQuestions: call the Recovery Coach Team on {settings.ServicePhone}.";

    /// <summary>For staff: the referral's page, behind sign-in.</summary>
    private string StaffFooter(Referral referral) => $"Open the referral: {settings.StaffReferralLink(referral.Id)}";

    private static string Lines(params string?[] lines) =>
        string.Join("\n\n", lines.Where(l => l is not null)) + "\n";

    /// <summary>Collects emails, and a note for each person who has no address to send to.</summary>
    private sealed class Batch(Referral referral, string kind)
    {
        public List<ReferralEmail> Emails { get; } = [];

        public List<string> NotEmailed { get; } = [];

        public void To((string Role, string? Address) recipient, string key, string subject, string body)
        {
            if (recipient.Address is null)
            {
                NotEmailed.Add($"The {recipient.Role} has no email address, so was not emailed ({key}).");
                return;
            }

            Emails.Add(ReferralEmail.Create(referral, kind, key, recipient.Role, recipient.Address, subject, body));
        }
    }
}
