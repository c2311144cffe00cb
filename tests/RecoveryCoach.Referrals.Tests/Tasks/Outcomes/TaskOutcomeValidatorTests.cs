using System.Text.Json;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Tests.Tasks.Outcomes;

public sealed class TaskOutcomeValidatorTests
{
    private static readonly JourneyValues Journey = new(2, 7, 7, 2, 2, 3, 7, 6, 6, 8, 4, 3, "v1");
    private static readonly OutcomeContext Context = new(Journey, GoalCount: 2, ExtensionWeeksLeft: 4, new DateWindow(new(2026, 6, 10), new(2026, 6, 20)));

    private const string Agreement = """
        { "goals": [ { "description": "Join a walking group", "category": "community-group" },
                     { "description": "Volunteer at the food bank", "category": "volunteering" } ],
          "baseline": { "lifeSatisfaction": 4, "worthwhile": 5, "happyYesterday": 6, "anxiousYesterday": 7 },
          "plannedWeeks": 6, "cadenceDays": 7, "peerSupportWorker": "Jo", "personAgreed": true }
        """;

    private static TaskOutcomeValidation Validate(CoachTaskType type, string json, OutcomeContext? context = null) =>
        TaskOutcomeValidator.Validate(type, JsonDocument.Parse(json).RootElement, context ?? Context);

    private static string Attempts(int count, bool lastReached) => "[" + string.Join(",", Enumerable.Range(1, count).Select(i =>
        $$"""{ "at": "2026-06-1{{i}}T10:00:00Z", "method": "phone", "reached": {{(lastReached && i == count ? "true" : "false")}} }""")) + "]";

    [Fact]
    public void Validate_AValidAgreement_GivesTheTypedOutcome()
    {
        var result = Validate(CoachTaskType.Agreement, Agreement);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        var agreement = result.Outcome.Should().BeOfType<AgreementOutcome>().Subject;
        agreement.Goals.Should().HaveCount(2);
        agreement.Baseline!.AnxiousYesterday.Should().Be(7);
    }

    [Theory]
    [InlineData("\"plannedWeeks\": 6", "\"plannedWeeks\": 9", "plannedWeeks")]
    [InlineData("\"plannedWeeks\": 6", "\"plannedWeeks\": 5", "plannedWeeks")]
    [InlineData("\"category\": \"volunteering\"", "\"category\": \"gardening\"", "goals[1].category")]
    [InlineData("\"description\": \"Join a walking group\"", "\"description\": \"\"", "goals[0].description")]
    [InlineData("\"anxiousYesterday\": 7", "\"anxiousYesterday\": 11", "baseline.anxiousYesterday")]
    [InlineData("\"personAgreed\": true", "\"personAgreed\": false", "personAgreed")]
    [InlineData("\"cadenceDays\": 7", "\"cadenceDays\": 0", "cadenceDays")]
    [InlineData("\"peerSupportWorker\": \"Jo\"", "\"peerSupportWorker\": null", "peerSupportWorker")]
    [InlineData("\"cadenceDays\": 7", "\"cadenceDays\": \"weekly\"", "cadenceDays")]
    [InlineData("\"cadenceDays\": 7", "\"cadenceDays\": 7, \"cadense\": 7", "body")]
    public void Validate_AgreementWithOneProblem_NamesThatFieldOnly(string from, string to, string field)
    {
        var result = Validate(CoachTaskType.Agreement, Agreement.Replace(from, to, StringComparison.Ordinal));

        result.IsValid.Should().BeFalse();
        result.Errors.Keys.Should().Equal(field);
    }

    [Fact]
    public void Validate_AgreementWithoutWeeksOrCadence_TakesTheJourneyRulesDefaults()
    {
        var context = Context with { Journey = Journey with { DefaultPlannedWeeks = 7, CheckInCadenceDays = 14 } };
        var withoutEither = Agreement.Replace("\"plannedWeeks\": 6, \"cadenceDays\": 7, ", string.Empty, StringComparison.Ordinal);

        var result = Validate(CoachTaskType.Agreement, withoutEither, context);

        var agreement = result.Outcome.Should().BeOfType<AgreementOutcome>().Subject;
        (agreement.PlannedWeeks, agreement.CadenceDays).Should().Be((7, 14));
    }

    [Fact]
    public void Validate_AgreementWithoutGoals_SaysSo()
    {
        var result = Validate(CoachTaskType.Agreement, """{ "goals": [], "baseline": { "lifeSatisfaction": 1, "worthwhile": 1, "happyYesterday": 1, "anxiousYesterday": 1 }, "plannedWeeks": 6, "cadenceDays": 7, "peerSupportWorker": "Jo", "personAgreed": true }""");

        result.Errors.Keys.Should().Equal("goals");
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01")]
    [InlineData("2026-06-09T22:59:59Z")]
    [InlineData("2026-06-20T23:00:00Z")]
    public void Validate_ContactAttemptOutsideTheReferralToToday_NamesItsTime(string at)
    {
        var result = Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "coaching-is-right", "attempts": [ { "at": "2026-06-12T10:00:00Z", "method": "phone", "reached": false }, { "at": "{{at}}", "method": "phone", "reached": true } ] }""");

        result.IsValid.Should().BeFalse();
        result.Errors.Keys.Should().Equal("attempts[1].at");
        result.Errors["attempts[1].at"].Single().Should().Be("The attempt must be made between 10 June 2026 and today (20 June 2026)");
    }

    [Theory]
    [InlineData("2026-06-09T23:00:00Z")]
    [InlineData("2026-06-20T22:59:59Z")]
    public void Validate_ContactAttemptOnTheFirstOrLastDayInUkTime_IsAccepted(string at) =>
        Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "coaching-is-right", "attempts": [ { "at": "{{at}}", "method": "phone", "reached": true } ] }""").IsValid.Should().BeTrue();

    [Fact]
    public void Validate_ConversationWhereCoachingIsRight_NeedsTheAttemptThatReachedThePerson()
    {
        Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "coaching-is-right", "attempts": {{Attempts(2, lastReached: true)}} }""").IsValid.Should().BeTrue();
        Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "coaching-is-right", "attempts": {{Attempts(2, lastReached: false)}} }""").Errors.Keys.Should().Equal("attempts");
    }

    [Fact]
    public void Validate_NotReached_NeedsTheConfiguredNumberOfAttemptsNoneOfThemReaching()
    {
        Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "not-reached", "attempts": {{Attempts(3, lastReached: false)}} }""").IsValid.Should().BeTrue();
        Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "not-reached", "attempts": {{Attempts(2, lastReached: false)}} }""").Errors["attempts"].Single().Should().Contain("3 attempts");
        Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "not-reached", "attempts": {{Attempts(3, lastReached: true)}} }""").Errors.Keys.Should().Equal("outcome");
    }

    [Fact]
    public void Validate_NotRightNow_NeedsSignposting()
    {
        var result = Validate(CoachTaskType.InitialConversation, $$"""{ "outcome": "not-right-now", "attempts": {{Attempts(1, lastReached: true)}} }""");

        result.Errors.Keys.Should().Equal("signposting");
    }

    [Fact]
    public void Validate_AttemptWithABadMethodAndNoTime_NamesBothFields()
    {
        var result = Validate(CoachTaskType.InitialConversation, """{ "outcome": "coaching-is-right", "attempts": [ { "method": "pigeon", "reached": true } ] }""");

        result.Errors.Keys.Should().BeEquivalentTo("attempts[0].at", "attempts[0].method");
    }

    [Fact]
    public void Validate_CheckInWithASession_NeedsEveryGoalRatedOnceFromMinusTwoToTwo()
    {
        Validate(CoachTaskType.CheckIn, """{ "sessionHeld": true, "progress": [ { "goal": 1, "rating": -2 }, { "goal": 2, "rating": 2 } ] }""").IsValid.Should().BeTrue();
        Validate(CoachTaskType.CheckIn, """{ "sessionHeld": true, "progress": [ { "goal": 1, "rating": 3 }, { "goal": 2, "rating": 0 } ] }""").Errors.Keys.Should().Equal("progress[0].rating");
        Validate(CoachTaskType.CheckIn, """{ "sessionHeld": true, "progress": [ { "goal": 1, "rating": 0 } ] }""").Errors.Keys.Should().Equal("progress");
        Validate(CoachTaskType.CheckIn, """{ "sessionHeld": true, "progress": [ { "goal": 3, "rating": 0 }, { "goal": 1, "rating": 0 }, { "goal": 2, "rating": 0 } ] }""").Errors.Keys.Should().Equal("progress[0].goal");
        Validate(CoachTaskType.CheckIn, """{ "sessionHeld": false, "riskConcern": true }""").IsValid.Should().BeTrue("a missed session needs no ratings");
    }

    [Fact]
    public void Validate_Extension_IsLimitedToTheWeeksLeft()
    {
        Validate(CoachTaskType.ExtensionApproval, """{ "approved": true, "weeks": 4 }""").IsValid.Should().BeTrue();
        Validate(CoachTaskType.ExtensionApproval, """{ "approved": true, "weeks": 5 }""").Errors.Keys.Should().Equal("weeks");
        Validate(CoachTaskType.ExtensionApproval, """{ "approved": false }""").IsValid.Should().BeTrue();
        Validate(CoachTaskType.ExtensionApproval, """{ "approved": true, "weeks": 1 }""", Context with { ExtensionWeeksLeft = 0 }).Errors["weeks"].Single().Should().Contain("No more weeks");
    }

    [Fact]
    public void Validate_Closure_NeedsRatingsWellbeingAndAReason()
    {
        const string valid = """
            { "goalOutcomes": [ { "goal": 1, "rating": 1 }, { "goal": 2, "rating": 0 } ], "connectedWith": [ "Food bank", "Walking group" ],
              "wellbeing": { "lifeSatisfaction": 6, "worthwhile": 7, "happyYesterday": 7, "anxiousYesterday": 3 }, "reason": "completed" }
            """;

        Validate(CoachTaskType.Closure, valid).IsValid.Should().BeTrue();
        Validate(CoachTaskType.Closure, valid.Replace("\"completed\"", "\"bored\"", StringComparison.Ordinal)).Errors.Keys.Should().Equal("reason");
        Validate(CoachTaskType.Closure, valid.Replace("\"Food bank\"", "\"\"", StringComparison.Ordinal)).Errors.Keys.Should().Equal("connectedWith[0]");
        Validate(CoachTaskType.Closure, """{ "reason": "completed" }""").Errors.Keys.Should().Contain("goalOutcomes").And.Contain("wellbeing.lifeSatisfaction");
    }

    [Fact]
    public void Validate_Triage_NeedsOneOfTheThreeTeams()
    {
        Validate(CoachTaskType.Triage, """{ "team": "huntingdon" }""").Outcome.Should().Be(new TriageOutcome("huntingdon"));
        Validate(CoachTaskType.Triage, """{ "team": "norwich" }""").Errors.Keys.Should().Equal("team");
    }

    [Fact]
    public void Validate_NotAnObject_IsAnErrorOnTheBody()
    {
        Validate(CoachTaskType.Triage, "null").Errors.Keys.Should().Equal("body");
    }

    [Theory]
    [InlineData(CoachTaskType.InitialConversation, """{ "outcome": "coaching-is-right", "attempts": [null] }""", "attempts[0]")]
    [InlineData(CoachTaskType.Agreement, """{ "goals": [null], "baseline": { "lifeSatisfaction": 1, "worthwhile": 1, "happyYesterday": 1, "anxiousYesterday": 1 }, "plannedWeeks": 6, "cadenceDays": 7, "peerSupportWorker": "Jo", "personAgreed": true }""", "goals[0]")]
    [InlineData(CoachTaskType.CheckIn, """{ "sessionHeld": true, "progress": [ { "goal": 1, "rating": 0 }, null ] }""", "progress[1]")]
    public void Validate_ANullInAList_NamesThatItemAsAnError(CoachTaskType type, string json, string field)
    {
        var result = Validate(type, json);

        result.IsValid.Should().BeFalse();
        result.Errors.Keys.Should().Contain(field);
    }

    [Fact]
    public void Validate_ANumberSentAsAString_IsTheWrongType()
    {
        var result = Validate(CoachTaskType.Agreement, Agreement.Replace("\"plannedWeeks\": 6", "\"plannedWeeks\": \"6\"", StringComparison.Ordinal));

        result.Errors.Keys.Should().Equal("plannedWeeks");
        result.Errors["plannedWeeks"].Single().Should().Contain("wrong type");
    }
}
