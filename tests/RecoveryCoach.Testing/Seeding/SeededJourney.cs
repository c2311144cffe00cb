using System.Globalization;
using Bogus;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;
using static RecoveryCoach.Referrals.ClosureReasons;

namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// Takes one eligible referral along its journey as the service and its staff would have: the
/// tasks <c>ReferralJourney</c> gives, in its order, each due when the journey values say,
/// chased while overdue, and done in working hours after a skewed wait, with the change and the
/// timeline lines each step makes. It stops at "now": what comes after has not happened, so
/// the task under way is left open, perhaps overdue, and the referral stands where that leaves it.
/// </summary>
internal sealed partial class SeededJourney
{
    private readonly Faker f;
    private readonly DateTimeOffset now;
    private readonly JourneyValues values;
    private readonly List<AuditEntry> audit;
    private readonly List<CoachTask> tasks = [];
    private Referral referral;

    /// <summary>When the journey took its last step; the next starts from here, and it is never after now.</summary>
    private DateTimeOffset at;

    private SeededJourney(Faker f, DateTimeOffset now, Referral decided, DateTimeOffset decidedAt, List<AuditEntry> audit)
    {
        this.f = f;
        this.now = now;
        this.audit = audit;
        referral = decided;
        values = decided.Journey ?? throw new ArgumentException("Only an eligible referral has a journey.", nameof(decided));
        at = decidedAt;
    }

    /// <summary>Plays the journey of <paramref name="decided"/> from its decision up to <paramref name="now"/>.</summary>
    /// <param name="triageTeam">The team a team lead chooses, should no rule have placed the referral.</param>
    /// <param name="audit">The timeline so far (received and decided), which the journey's steps go on.</param>
    /// <returns>The referral as it stands now, and every task the journey gave, in the order given.</returns>
    public static (Referral Referral, IReadOnlyList<CoachTask> Tasks) Play(
        Faker f, DateTimeOffset now, Referral decided, DateTimeOffset decidedAt, string triageTeam, List<AuditEntry> audit)
    {
        var journey = new SeededJourney(f, now, decided, decidedAt, audit);
        journey.Run(triageTeam);
        return (journey.referral, journey.tasks);
    }

    /// <summary>The steps of <c>ReferralOrchestrator</c>, each returning false where the journey stands now or has ended.</summary>
    private void Run(string triageTeam)
    {
        if (referral.Status == ReferralStatus.AwaitingTriage && !Triage(triageTeam))
        {
            return;
        }

        var team = referral.TeamCode!;
        var coach = f.PickRandom<string>(SeededRoster.Coaches[team]);
        var ending = Ending();
        if (!Conversation(team, coach, ending))
        {
            return;
        }

        if (ending is NotRightNow or NotEngaged)
        {
            Close(ending);
            return;
        }

        if (Agreement(team, coach, ending) && CheckIns(team, coach, ending) && Closure(team, coach, ending))
        {
            Close(ending);
        }
    }

    /// <summary>How this journey is going to end, in about the proportions the team sees: most people complete their coaching.</summary>
    private string Ending() => f.Random.Int(1, 100) switch
    {
        <= 9 => NotEngaged,
        <= 20 => NotRightNow,
        <= 23 => Withdrawn,
        <= 29 => EndedEarly,
        <= 36 => Disengaged,
        <= 39 => MovedAway,
        _ => Completed,
    };

    private bool Triage(string team)
    {
        var task = Open(CoachTaskType.Triage, null, null, at.AddDays(values.TeamLeadDays), "the team leads");
        var lead = SeededRoster.Leads[team];
        var chosen = Team.All.Single(t => t.Code == team);
        if (!Complete(task, Later(1.2, 0.9, 10), lead, new TriageOutcome(team), $"the {chosen.Name} team."))
        {
            return false;
        }

        var version = referral.Allocation!.RulesetVersion;
        referral = referral with { Status = ReferralStatus.Allocated, Allocation = new AllocationDecision(chosen, Rule: null, $"Chosen by {lead} at triage.", version) };
        return true;
    }

    /// <summary>First contact: a few tries to reach the person (skewed: mostly within days), then the conversation.</summary>
    private bool Conversation(string team, string coach, string ending)
    {
        var task = Open(CoachTaskType.InitialConversation, team, null, at.AddDays(values.FirstContactDays), $"the {Team.All.Single(t => t.Code == team).Name} team");
        if (ending == Withdrawn && f.Random.Bool())
        {
            return EndEarly(Later(2, 0.7, 14), coach);
        }

        var opened = at;
        var attempts = Attempts(reached: ending != NotEngaged);
        var doneAt = SeededTime.InWorkingHours(attempts[^1].At!.Value.AddHours(f.Random.Double(0.1, 3)), f);
        if (f.Random.Bool(0.6f) && !Claim(task, opened + ((doneAt - opened) * f.Random.Double(0.05, 0.6)), coach))
        {
            return false;
        }

        var (outcome, detail) = ending switch
        {
            NotEngaged => ("not-reached", string.Create(CultureInfo.InvariantCulture, $"the person could not be reached after {attempts.Count} attempts.")),
            NotRightNow => ("not-right-now", "coaching is not right for now; the person was pointed to other support."),
            _ => ("coaching-is-right", "coaching is right for the person."),
        };
        var signposting = outcome == "not-right-now" ? f.PickRandom<string>(SeededPlaces.Connections) : null;
        var lines = attempts.Select((a, i) => new AuditEntry(a.At!.Value, coach, "contact-attempt",
            string.Create(CultureInfo.InvariantCulture, $"Contact attempt {i + 1} by {a.Method}: {(a.Reached == true ? "reached the person" : "did not reach the person")}.")));
        if (!Complete(task, doneAt, coach, new InitialConversationOutcome(outcome, attempts, signposting), detail, lines))
        {
            return false;
        }

        var firstContact = attempts.Find(a => a.Reached == true)?.At;
        referral = outcome switch
        {
            "coaching-is-right" => referral with { Status = ReferralStatus.Agreeing, Coach = coach, FirstContactAt = firstContact },
            "not-right-now" => referral with { Coach = coach, FirstContactAt = firstContact },
            _ => referral,
        };
        return true;
    }

    /// <summary>The tries to reach the person, in working hours; the last reaches them unless nobody could.</summary>
    private List<ContactAttempt> Attempts(bool reached)
    {
        var count = reached ? 1 + f.Random.WeightedRandom([0, 1, 2], [0.55f, 0.3f, 0.15f]) : values.ContactAttempts;
        var last = at.AddDays(reached ? SeededTime.Days(f, 2.5, 0.9, 28) : SeededTime.Days(f, 8, 0.4, 21));
        var times = Enumerable.Range(0, count - 1).Select(_ => at + ((last - at) * f.Random.Double(0.05, 0.95))).Order().Append(last).ToList();
        var attempts = new List<ContactAttempt>();
        var previous = at;
        for (var i = 0; i < times.Count; i++)
        {
            var when = SeededTime.InWorkingHours(times[i] > previous ? times[i] : previous.AddMinutes(20), f);
            var method = f.Random.WeightedRandom(["phone", "email", "letter", "visit"], [0.65f, 0.2f, 0.08f, 0.07f]);
            attempts.Add(new ContactAttempt(when, method, Reached: reached && i == times.Count - 1));
            previous = when;
        }

        return attempts;
    }

    private bool Agreement(string team, string coach, string ending)
    {
        var task = Open(CoachTaskType.Agreement, team, coach, at.AddDays(values.AgreementDays), coach);
        if (ending == Withdrawn)
        {
            return EndEarly(Later(2, 0.7, 10), coach);
        }

        var doneAt = Later(3, 0.7, 21);
        var plan = SeededOutcomes.Plan(f, doneAt, values);
        var outcome = new AgreementOutcome(plan.Goals, plan.Baseline, plan.PlannedWeeks, plan.CadenceDays, plan.PeerSupportWorker, PersonAgreed: true);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{plan.Goals.Count} goal(s), {plan.PlannedWeeks} weeks, check-ins every {plan.CadenceDays} days, agreed by the person.");
        if (!Complete(task, doneAt, coach, outcome, detail))
        {
            return false;
        }

        referral = referral with { Status = ReferralStatus.Coaching, Plan = plan };
        if (f.Random.Bool(0.45f))
        {
            Discharge(SeededTime.InWorkingHours(at.AddDays(f.Random.Double(1, 7 * plan.PlannedWeeks)), f), coach);
        }

        return true;
    }

    /// <summary>
    /// A check-in every cadence until the plan ends, extensions included. Someone who stops taking
    /// part misses their last check-ins; an early ending is asked for while a check-in is open.
    /// </summary>
    private bool CheckIns(string team, string coach, string ending)
    {
        var plan = referral.Plan!;
        var planned = (int)((plan.EndsAt - plan.AgreedAt).TotalDays / plan.CadenceDays);
        int? stopAt = ending is EndedEarly or Disengaged or MovedAway ? f.Random.Int(Math.Min(2, planned), Math.Max(1, planned - 1)) : null;
        int? extendAt = ending == Completed && f.Random.Bool(0.12f) ? Math.Max(1, planned - 2) : null;
        for (var n = 1; plan.AgreedAt.AddDays(n * plan.CadenceDays) <= referral.Plan!.EndsAt; n++)
        {
            var due = plan.AgreedAt.AddDays(n * plan.CadenceDays);
            var task = Open(CoachTaskType.CheckIn, team, coach, due, coach);
            if (n == stopAt)
            {
                return EarlyClosureRequested(SeededTime.InWorkingHours(at + ((due.AddDays(2) - at) * f.Random.Double(0.2, 1)), f), coach);
            }

            var held = ending == Disengaged ? stopAt - n > 2 && f.Random.Bool(0.8f) : f.Random.Bool(0.88f);
            var late = f.Random.Bool(0.1f);
            var doneAt = SeededTime.InWorkingHours(due.AddDays(late ? f.Random.Double(2, 6) : f.Random.Double(-1.5, 1)), f);
            var outcome = SeededOutcomes.CheckIn(f, referral.Plan!, held, Math.Min(1, n / (double)planned));
            var detail = held
                ? string.Create(CultureInfo.InvariantCulture, $"session held, progress rated on {outcome.Progress!.Count} goal(s).")
                : "no session held.";
            if (!Complete(task, doneAt, coach, outcome, outcome.RiskConcern == true ? detail + " A risk concern was recorded." : detail))
            {
                return false;
            }

            if (n == extendAt)
            {
                RequestExtension(team, coach);
            }
        }

        var end = referral.Plan!.EndsAt;
        if (end > at)
        {
            if (!Until(end))
            {
                return false;
            }

            at = end;
        }

        return true;
    }

    /// <summary>The closure task, due at once, and its outcomes.</summary>
    private bool Closure(string team, string coach, string reason)
    {
        var task = Open(CoachTaskType.Closure, team, coach, at, coach, remindAfterDays: values.ClosureReminderDays);
        var doneAt = Later(1.5, 0.9, 14);
        var outcome = SeededOutcomes.Closure(f, referral.Plan!, reason);
        if (!Complete(task, doneAt, coach, outcome, $"outcomes recorded; {Describe(reason)}."))
        {
            return false;
        }

        referral = referral with { Closure = new ClosureRecord(doneAt, reason, outcome.GoalOutcomes, outcome.ConnectedWith, outcome.Wellbeing) };
        return true;
    }
}
