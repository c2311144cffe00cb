using System.Globalization;
using System.Text.Json.Nodes;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Web.Pages.Staff.Tasks;

/// <summary>
/// A task's form as the browser posts it, for any of the six task types. It becomes the JSON
/// outcome the tasks API takes, so the page and the API check a form the same way. A value that
/// is not a number or a date is passed on as it is, and the check names its field.
/// </summary>
public sealed class TaskForm
{
    public string? Team { get; set; }

    public string? Outcome { get; set; }

    public List<AttemptForm> Attempts { get; set; } = [];

    public string? Signposting { get; set; }

    public List<GoalForm> Goals { get; set; } = [];

    public WellbeingForm Baseline { get; set; } = new();

    public string? PlannedWeeks { get; set; }

    public string? CadenceDays { get; set; }

    public string? PeerSupportWorker { get; set; }

    public bool PersonAgreed { get; set; }

    public string? SessionHeld { get; set; }

    public List<string?> Progress { get; set; } = [];

    public string? Notes { get; set; }

    public bool RiskConcern { get; set; }

    public string? Approved { get; set; }

    public string? Weeks { get; set; }

    public List<string?> GoalOutcomes { get; set; } = [];

    public string? ConnectedWith { get; set; }

    public WellbeingForm Wellbeing { get; set; } = new();

    public string? Reason { get; set; }

    public JsonObject ToOutcome(CoachTaskType type) => type switch
    {
        CoachTaskType.Triage => new JsonObject { ["team"] = Team },
        CoachTaskType.InitialConversation => new JsonObject
        {
            ["outcome"] = Outcome,
            ["attempts"] = new JsonArray([.. Attempts.Where(a => !a.IsEmpty).Select(a => a.ToJson())]),
            ["signposting"] = Signposting,
        },
        CoachTaskType.Agreement => new JsonObject
        {
            ["goals"] = new JsonArray([.. Goals.Where(g => !string.IsNullOrWhiteSpace(g.Description) || !string.IsNullOrWhiteSpace(g.Category)).Select(g => g.ToJson())]),
            ["baseline"] = Baseline.ToJson(),
            ["plannedWeeks"] = Number(PlannedWeeks),
            ["cadenceDays"] = Number(CadenceDays),
            ["peerSupportWorker"] = PeerSupportWorker,
            ["personAgreed"] = PersonAgreed,
        },
        CoachTaskType.CheckIn => new JsonObject
        {
            ["sessionHeld"] = YesNo(SessionHeld),
            ["progress"] = SessionHeld == "yes" ? Ratings(Progress) : null,
            ["notes"] = Notes,
            ["riskConcern"] = RiskConcern,
        },
        CoachTaskType.ExtensionApproval => new JsonObject { ["approved"] = YesNo(Approved), ["weeks"] = Approved == "yes" ? Number(Weeks) : null },
        CoachTaskType.Closure => new JsonObject
        {
            ["goalOutcomes"] = Ratings(GoalOutcomes),
            ["connectedWith"] = new JsonArray([.. (ConnectedWith ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonValue.Create(l))]),
            ["wellbeing"] = Wellbeing.ToJson(),
            ["reason"] = Reason,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No form for this task type."),
    };

    /// <summary>A number as a JSON number, anything else as text (reported as the wrong type), nothing as null.</summary>
    internal static JsonNode? Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n)
        : JsonValue.Create(text.Trim());

    internal static JsonNode? YesNo(string? radio) => radio switch
    {
        "yes" => JsonValue.Create(true),
        "no" => JsonValue.Create(false),
        _ => null,
    };

    private static JsonArray Ratings(List<string?> ratings) =>
        new([.. ratings.Select((r, i) => (Goal: i + 1, Rating: r)).Where(r => !string.IsNullOrWhiteSpace(r.Rating)).Select(r => new JsonObject { ["goal"] = r.Goal, ["rating"] = Number(r.Rating) })]);
}

/// <summary>One try to reach the person.</summary>
public sealed class AttemptForm
{
    /// <summary>The date, as 15/6/2026 or 2026-06-15.</summary>
    public string? Date { get; set; }

    public string? Method { get; set; }

    public string? Reached { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Method) && string.IsNullOrWhiteSpace(Reached);

    public JsonObject ToJson() => new()
    {
        ["at"] = At(),
        ["method"] = string.IsNullOrWhiteSpace(Method) ? null : Method,
        ["reached"] = TaskForm.YesNo(Reached),
    };

    private JsonValue? At()
    {
        if (string.IsNullOrWhiteSpace(Date))
        {
            return null;
        }

        string[] formats = ["d/M/yyyy", "yyyy-MM-dd"];
        return DateTime.TryParseExact(Date.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? JsonValue.Create(new DateTimeOffset(day.Date.AddHours(12), TimeSpan.Zero))
            : JsonValue.Create(Date.Trim());
    }
}

public sealed class GoalForm
{
    public string? Description { get; set; }

    public string? Category { get; set; }

    public JsonObject ToJson() => new() { ["description"] = Description, ["category"] = string.IsNullOrWhiteSpace(Category) ? null : Category };
}

/// <summary>ONS4: four answers from 0 to 10.</summary>
public sealed class WellbeingForm
{
    public string? LifeSatisfaction { get; set; }

    public string? Worthwhile { get; set; }

    public string? HappyYesterday { get; set; }

    public string? AnxiousYesterday { get; set; }

    /// <summary>The four ONS4 questions, by the field that holds each answer.</summary>
    public static IReadOnlyList<(string Name, string Question)> Questions { get; } =
    [
        (nameof(LifeSatisfaction), "Overall, how satisfied are you with your life nowadays?"),
        (nameof(Worthwhile), "Overall, to what extent do you feel the things you do in your life are worthwhile?"),
        (nameof(HappyYesterday), "Overall, how happy did you feel yesterday?"),
        (nameof(AnxiousYesterday), "Overall, how anxious did you feel yesterday?"),
    ];

    public string? ValueOf(string name) => name switch
    {
        nameof(LifeSatisfaction) => LifeSatisfaction,
        nameof(Worthwhile) => Worthwhile,
        nameof(HappyYesterday) => HappyYesterday,
        nameof(AnxiousYesterday) => AnxiousYesterday,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an ONS4 question."),
    };

    public JsonObject ToJson() => new()
    {
        ["lifeSatisfaction"] = TaskForm.Number(LifeSatisfaction),
        ["worthwhile"] = TaskForm.Number(Worthwhile),
        ["happyYesterday"] = TaskForm.Number(HappyYesterday),
        ["anxiousYesterday"] = TaskForm.Number(AnxiousYesterday),
    };
}
