using System.Text.Json;
using System.Text.Json.Serialization;
using RecoveryCoach.Referrals.Rules;

namespace RecoveryCoach.Referrals.Tasks.Outcomes;

/// <summary>What a completed task form is checked against.</summary>
/// <param name="Journey">The values the referral runs on (contact attempts, planned-week bounds).</param>
/// <param name="GoalCount">Goals in the referral's agreement, for check-in and closure ratings.</param>
/// <param name="ExtensionWeeksLeft">Weeks a team lead may still add.</param>
/// <param name="Dates">The days a date in the form may fall on: from the referral's to today.</param>
public sealed record OutcomeContext(JourneyValues Journey, int GoalCount, int ExtensionWeeksLeft, DateWindow Dates);

/// <summary>The outcome of checking a completed task form: the typed outcome, or every error by field path.</summary>
public sealed record TaskOutcomeValidation(object? Outcome, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Outcome is not null;
}

/// <summary>
/// Reads and checks the form that completes a task, one shape per task type. Every problem is
/// reported at once, keyed by field path (<c>goals[0].category</c>), and nothing is accepted
/// until the whole form is right.
/// </summary>
public static class TaskOutcomeValidator
{
    public static IReadOnlyList<string> ConversationOutcomes { get; } = ["coaching-is-right", "not-right-now", "not-reached"];

    public static IReadOnlyList<string> ContactMethods { get; } = ["phone", "email", "letter", "visit"];

    public static IReadOnlyList<string> ClosureReasons { get; } = ["completed", "ended-early", "disengaged", "moved-away"];

    private const int MaxGoals = 6;
    private const int MaxNotes = 4000;

    public static TaskOutcomeValidation Validate(CoachTaskType type, JsonElement form, OutcomeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new FieldErrors();
        object? outcome = type switch
        {
            CoachTaskType.Triage => Check(Read<TriageOutcome>(form, errors), errors, Triage),
            CoachTaskType.InitialConversation => Check(Read<InitialConversationOutcome>(form, errors), errors, (o, e) => Conversation(o, e, context)),
            CoachTaskType.Agreement => WithDefaults(Check(Read<AgreementOutcome>(form, errors), errors, (o, e) => Agreement(o, e, context)), context.Journey),
            CoachTaskType.CheckIn => Check(Read<CheckInOutcome>(form, errors), errors, (o, e) => CheckIn(o, e, context)),
            CoachTaskType.ExtensionApproval => Check(Read<ExtensionOutcome>(form, errors), errors, (o, e) => Extension(o, e, context)),
            CoachTaskType.Closure => Check(Read<ClosureOutcome>(form, errors), errors, (o, e) => Closure(o, e, context)),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No form for this task type."),
        };
        return new TaskOutcomeValidation(errors.Any ? null : outcome, errors.ToDictionary());
    }

    private static T? Read<T>(JsonElement form, FieldErrors errors)
        where T : class
    {
        try
        {
            var outcome = form.Deserialize<T>(StrictJson.Options);
            if (outcome is null)
            {
                errors.Add("body", "Send the form as a JSON object");
            }

            return outcome;
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonFieldError.From(ex, typeof(T), "form");
            errors.Add(field, message);
            return null;
        }
    }

    private static T? Check<T>(T? outcome, FieldErrors errors, Action<T, FieldErrors> check)
        where T : class
    {
        if (outcome is not null)
        {
            check(outcome, errors);
        }

        return outcome;
    }

    private static void Triage(TriageOutcome outcome, FieldErrors errors)
    {
        if (!Team.TryFind(outcome.Team, out _))
        {
            errors.Add("team", $"Choose a team: {string.Join(", ", Team.All.Select(t => t.Code))}");
        }
    }

    private static void Conversation(InitialConversationOutcome outcome, FieldErrors errors, OutcomeContext context)
    {
        OneOf(outcome.Outcome, ConversationOutcomes, "outcome", errors);
        var attempts = outcome.Attempts ?? [];
        if (attempts.Count == 0)
        {
            errors.Add("attempts", "Record each attempt to contact the person");
        }

        for (var i = 0; i < attempts.Count; i++)
        {
            if (attempts[i] is null)
            {
                errors.Add($"attempts[{i}]", "Give the attempt's time, method and whether the person was reached");
                continue;
            }

            if (attempts[i].At is not { } at)
            {
                errors.Add($"attempts[{i}].at", "Say when the attempt was made");
            }
            else if (!context.Dates.Contains(at))
            {
                errors.Add($"attempts[{i}].at", $"The attempt must be made {context.Dates}");
            }

            OneOf(attempts[i].Method, ContactMethods, $"attempts[{i}].method", errors);
            errors.RequireAnswer(attempts[i].Reached, $"attempts[{i}].reached", "Say whether the person was reached");
        }

        var reached = attempts.Any(a => a?.Reached == true);
        switch (outcome.Outcome)
        {
            case "not-reached" when reached:
                errors.Add("outcome", "An attempt reached the person, so the outcome cannot be not-reached");
                break;
            case "not-reached" when attempts.Count < context.Journey.ContactAttempts:
                errors.Add("attempts", $"Make {context.Journey.ContactAttempts} attempts before closing as not reached");
                break;
            case "coaching-is-right" or "not-right-now" when !reached:
                errors.Add("attempts", "Record the attempt that reached the person");
                break;
        }

        if (outcome.Outcome == "not-right-now" && string.IsNullOrWhiteSpace(outcome.Signposting))
        {
            errors.Add("signposting", "Say where else the person was pointed");
        }

        errors.OptionalText(outcome.Signposting, "signposting", 1000);
    }

    private static void Agreement(AgreementOutcome outcome, FieldErrors errors, OutcomeContext context)
    {
        var goals = outcome.Goals ?? [];
        if (goals.Count is 0 or > MaxGoals)
        {
            errors.Add("goals", $"Record one to {MaxGoals} goals");
        }

        for (var i = 0; i < goals.Count; i++)
        {
            if (goals[i] is null)
            {
                errors.Add($"goals[{i}]", "Give the goal's description and category");
                continue;
            }

            errors.RequireText(goals[i].Description, $"goals[{i}].description", "Describe the goal in the person's words", 300);
            OneOf(goals[i].Category, GoalCategories.All, $"goals[{i}].category", errors);
        }

        WellbeingAnswers(outcome.Baseline, "baseline", errors);
        var journey = context.Journey;
        if (outcome.PlannedWeeks is { } weeks && (weeks < journey.MinPlannedWeeks || weeks > journey.MaxPlannedWeeks))
        {
            errors.Add("plannedWeeks", $"Plan {journey.MinPlannedWeeks} to {journey.MaxPlannedWeeks} weeks");
        }

        if (outcome.CadenceDays is not (null or (>= 1 and <= 28)))
        {
            errors.Add("cadenceDays", "Set check-ins 1 to 28 days apart");
        }

        errors.RequireText(outcome.PeerSupportWorker, "peerSupportWorker", "Name the peer support worker", 100);
        if (outcome.PersonAgreed != true)
        {
            errors.Add("personAgreed", "The person must agree to the coaching agreement");
        }
    }

    /// <summary>An agreement that leaves out the weeks or the cadence takes the journey rules' defaults.</summary>
    private static AgreementOutcome? WithDefaults(AgreementOutcome? outcome, JourneyValues journey) =>
        outcome is null ? null : outcome with
        {
            PlannedWeeks = outcome.PlannedWeeks ?? journey.DefaultPlannedWeeks,
            CadenceDays = outcome.CadenceDays ?? journey.CheckInCadenceDays,
        };

    private static void CheckIn(CheckInOutcome outcome, FieldErrors errors, OutcomeContext context)
    {
        errors.RequireAnswer(outcome.SessionHeld, "sessionHeld", "Say whether a session was held");
        if (outcome.SessionHeld == true)
        {
            Ratings(outcome.Progress, "progress", context.GoalCount, errors);
        }

        errors.OptionalText(outcome.Notes, "notes", MaxNotes);
    }

    private static void Extension(ExtensionOutcome outcome, FieldErrors errors, OutcomeContext context)
    {
        errors.RequireAnswer(outcome.Approved, "approved", "Approve or decline the extension");
        if (outcome.Approved == true && (outcome.Weeks is not { } weeks || weeks < 1 || weeks > context.ExtensionWeeksLeft))
        {
            errors.Add("weeks", context.ExtensionWeeksLeft == 0
                ? "No more weeks may be added to this plan"
                : $"Add 1 to {context.ExtensionWeeksLeft} weeks");
        }
    }

    private static void Closure(ClosureOutcome outcome, FieldErrors errors, OutcomeContext context)
    {
        Ratings(outcome.GoalOutcomes, "goalOutcomes", context.GoalCount, errors);
        var connected = outcome.ConnectedWith ?? [];
        for (var i = 0; i < connected.Count; i++)
        {
            errors.RequireText(connected[i], $"connectedWith[{i}]", "Name the organisation or activity", 200);
        }

        WellbeingAnswers(outcome.Wellbeing, "wellbeing", errors);
        OneOf(outcome.Reason, ClosureReasons, "reason", errors);
    }

    /// <summary>A rating from −2 to +2 for every goal, each goal once.</summary>
    private static void Ratings(IReadOnlyList<GoalProgress>? ratings, string field, int goalCount, FieldErrors errors)
    {
        var given = ratings ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is null)
            {
                errors.Add($"{field}[{i}]", "Give the goal's number and its rating");
                continue;
            }

            if (given[i].Goal is not { } goal || goal < 1 || goal > goalCount)
            {
                errors.Add($"{field}[{i}].goal", $"Name a goal from 1 to {goalCount}");
            }

            if (given[i].Rating is not (>= -2 and <= 2))
            {
                errors.Add($"{field}[{i}].rating", "Rate progress from -2 to +2");
            }
        }

        var rated = given.Select(r => r?.Goal).OfType<int>().ToList();
        if (rated.Count != rated.Distinct().Count() || Enumerable.Range(1, goalCount).Any(g => !rated.Contains(g)))
        {
            errors.Add(field, $"Rate each of the {goalCount} goals once");
        }
    }

    private static void WellbeingAnswers(Wellbeing? wellbeing, string field, FieldErrors errors)
    {
        (string Name, string Question, int? Answer)[] answers =
        [
            ("lifeSatisfaction", "how satisfied they are with their life", wellbeing?.LifeSatisfaction),
            ("worthwhile", "how worthwhile they feel the things they do are", wellbeing?.Worthwhile),
            ("happyYesterday", "how happy they felt yesterday", wellbeing?.HappyYesterday),
            ("anxiousYesterday", "how anxious they felt yesterday", wellbeing?.AnxiousYesterday),
        ];
        foreach (var (name, question, answer) in answers)
        {
            if (answer is not (>= 0 and <= 10))
            {
                errors.Add($"{field}.{name}", $"Answer {question}, from 0 to 10");
            }
        }
    }

    private static void OneOf(string? value, IReadOnlyList<string> allowed, string field, FieldErrors errors)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(field, $"Choose one of: {string.Join(", ", allowed)}");
        }
    }
}
