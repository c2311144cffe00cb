using System.Text.Json.Nodes;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Task forms as a coach or team lead fills them in.</summary>
public static class Forms
{
    /// <summary>Notes a coach might write at a check-in: clinical free text that must never be emailed.</summary>
    public const string CheckInNotes = "Low mood this week after the change in medication; talked through the allotment plan";

    public const string Signposting = "Lifecraft drop-in on Mill Road and the Samaritans on 116 123";

    public static JsonObject CoachingIsRight(DateTimeOffset at) => new()
    {
        ["outcome"] = "coaching-is-right",
        ["attempts"] = new JsonArray(Attempt(at, reached: true)),
    };

    public static JsonObject NotRightNow(DateTimeOffset at) => new()
    {
        ["outcome"] = "not-right-now",
        ["attempts"] = new JsonArray(Attempt(at, reached: true)),
        ["signposting"] = Signposting,
    };

    public static JsonObject NotReached(DateTimeOffset at, int attempts) => new()
    {
        ["outcome"] = "not-reached",
        ["attempts"] = new JsonArray([.. Enumerable.Range(0, attempts).Select(i => Attempt(at.AddDays(i - attempts), reached: false))]),
    };

    public static JsonObject Agreement(int weeks = 6, int cadenceDays = 7) => new()
    {
        ["goals"] = new JsonArray(
            new JsonObject { ["description"] = "Volunteer at the community garden", ["category"] = "volunteering" },
            new JsonObject { ["description"] = "Join the Thursday art group", ["category"] = "creative-activity" }),
        ["baseline"] = Wellbeing(4),
        ["plannedWeeks"] = weeks,
        ["cadenceDays"] = cadenceDays,
        ["peerSupportWorker"] = "Pat Peer",
        ["personAgreed"] = true,
    };

    public static JsonObject CheckIn(bool sessionHeld = true, bool riskConcern = false, string? notes = null)
    {
        var form = new JsonObject { ["sessionHeld"] = sessionHeld, ["riskConcern"] = riskConcern };
        if (sessionHeld)
        {
            form["progress"] = new JsonArray(Rating(1, 0), Rating(2, 1));
        }

        if (notes is not null)
        {
            form["notes"] = notes;
        }

        return form;
    }

    public static JsonObject Closure(string reason = "completed") => new()
    {
        ["goalOutcomes"] = new JsonArray(Rating(1, 1), Rating(2, -1)),
        ["connectedWith"] = new JsonArray("Cambridge Volunteer Centre"),
        ["wellbeing"] = Wellbeing(7),
        ["reason"] = reason,
    };

    public static JsonObject Triage(string team) => new() { ["team"] = team };

    public static JsonObject Extension(bool approved, int? weeks = null) =>
        weeks is null ? new JsonObject { ["approved"] = approved } : new JsonObject { ["approved"] = approved, ["weeks"] = weeks };

    private static JsonObject Attempt(DateTimeOffset at, bool reached) => new() { ["at"] = at, ["method"] = "phone", ["reached"] = reached };

    private static JsonObject Rating(int goal, int rating) => new() { ["goal"] = goal, ["rating"] = rating };

    private static JsonObject Wellbeing(int score) => new()
    {
        ["lifeSatisfaction"] = score,
        ["worthwhile"] = score,
        ["happyYesterday"] = score,
        ["anxiousYesterday"] = 10 - score,
    };
}
