using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Tasks;
using RecoveryCoach.Referrals.Tasks.Outcomes;

namespace RecoveryCoach.Referrals.Tests.Notifications;

public class JourneyEmailsTests
{
    private const string Coach = "casey.coach@cpft.nhs.uk";
    private const string CambridgeLead = "cambridge.lead@example.nhs.uk";
    private const string TriageInbox = "team.leads@example.nhs.uk";
    private const string Notes = "Struggling with sleep again since the medication changed";
    private const string Signposting = "Lifecraft drop-in, Mill Road";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Now = TestReferrals.SubmittedAt.AddDays(50);

    private readonly JourneyEmails emails = new(Options.Create(new NotificationOptions
    {
        PublicBaseUrl = "https://recovery-coach.example.nhs.uk/",
        TeamInboxes = new Dictionary<string, string> { ["cambridge"] = "cambridge.team@example.nhs.uk", ["huntingdon"] = "h@example.nhs.uk", ["peterborough-fenland"] = "p@example.nhs.uk" },
        TeamLeadInboxes = new Dictionary<string, string> { ["cambridge"] = CambridgeLead, ["huntingdon"] = "hl@example.nhs.uk", ["peterborough-fenland"] = "pl@example.nhs.uk" },
        TriageInbox = TriageInbox,
        ServicePhone = "01632 960 999",
    }));

    public static TheoryData<JourneyEmailKind> EveryKind => [.. Enum.GetValues<JourneyEmailKind>()];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Write_AnyKind_CarriesTheReferenceAndALinkButNoNameReasonGoalsOrNotes(JourneyEmailKind kind)
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);

        var batch = emails.Write(record, tasks, new JourneyEmail(kind, TaskOf(kind, tasks)));

        batch.Emails.Should().NotBeEmpty();
        foreach (var email in batch.Emails)
        {
            var text = email.Message.Subject + "\n" + email.Message.TextBody;
            text.Should().Contain("RC-7K3M9Q").And.Contain("https://recovery-coach.example.nhs.uk/")
                .And.NotContain("Zephyrina").And.NotContain("Quackenbush")
                .And.NotContain(record.Referral.Details.Reason).And.NotContain(Notes).And.NotContain("allotment");
        }
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Write_AnyKind_LinksPeopleToThePublicStatusPageAndStaffToTheirOwnPages(JourneyEmailKind kind)
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);
        var id = record.Referral.Id;

        var batch = emails.Write(record, tasks, new JourneyEmail(kind, TaskOf(kind, tasks)));

        foreach (var email in batch.Emails)
        {
            var text = email.Message.TextBody;
            text.Should().NotContain("/api/", $"{email.Key} is read in a browser");
            if (email.Recipient is "referrer" or "person" or "care coordinator" or "GP practice")
            {
                text.Should().Contain($"https://recovery-coach.example.nhs.uk/referral/{id}").And.NotContain("/staff/", $"{email.Key} goes outside the team");
            }
            else
            {
                text.Should().MatchRegex($"https://recovery-coach.example.nhs.uk/staff/(referrals/{id}|tasks/[0-9a-f]{{32}})", $"{email.Key} goes to staff")
                    .And.NotContain("/referral/", $"{email.Key} goes to staff");
            }
        }
    }

    [Fact]
    public void Write_TaskEmails_GoToTheCoachAndEscalationsToTheTeamLead()
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);
        var checkIn = tasks.First(t => t.Type == CoachTaskType.CheckIn).Id;

        var reminder = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.TaskReminder, checkIn, 2)).Emails.Single();
        var escalation = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.TaskEscalated, checkIn)).Emails.Single();

        (reminder.Key, reminder.Recipient, reminder.Message.To.Mailboxes.Single().Address).Should().Be(($"reminder-{checkIn}-2", "coach", Coach));
        (escalation.Key, escalation.Recipient, escalation.Message.To.Mailboxes.Single().Address).Should().Be(($"escalation-{checkIn}", "team lead", CambridgeLead));
    }

    [Fact]
    public void Write_Closed_TellsReferrerPersonCareCoordinatorAndGpWithAPlainSummary()
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);

        var batch = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Closed));

        batch.Emails.Select(e => (e.Key, e.Message.To.Mailboxes.Single().Address)).Should().Equal(
            ("closed-referrer", "referrer@example.com"),
            ("closed-person", "person@example.com"),
            ("closed-care-coordinator", "alex.carer@example.nhs.uk"),
            ("closed-gp", "reception@linton.example.nhs.uk"));
        batch.Emails.Single(e => e.Key == "closed-gp").Message.TextBody.Should()
            .Contain("Outcome: coaching was completed as planned.")
            .And.Contain("Check-ins with a session held: 1.")
            .And.Contain("Personal goals: 2 set; 1 met or exceeded");
    }

    [Fact]
    public void Write_ClosedAfterDischarge_LeavesTheCareCoordinatorOut()
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);
        record = record with { Referral = record.Referral with { DischargedOn = new DateOnly(2025, 7, 1) } };

        var batch = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Closed));

        batch.Emails.Select(e => e.Key).Should().NotContain("closed-care-coordinator");
        batch.Emails.Single(e => e.Key == "closed-gp").Message.TextBody.Should().Contain("Discharged from the trust: 1 July 2025");
    }

    [Fact]
    public void Write_NotRightNow_GivesThePersonTheSignpostingAndTheReferrerOnlyThatThereWasSome()
    {
        var (record, tasks) = Closed(ClosureReasons.NotRightNow);

        var batch = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Closed));

        batch.Emails.Single(e => e.Key == "closed-person").Message.TextBody.Should().Contain(Signposting);
        batch.Emails.Single(e => e.Key == "closed-referrer").Message.TextBody.Should().NotContain(Signposting).And.Contain("other support");
    }

    [Fact]
    public void Write_NotEngaged_TellsOnlyTheReferrerAndCareCoordinator()
    {
        var (record, tasks) = Closed(ClosureReasons.NotEngaged);

        var batch = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Closed));

        batch.Emails.Select(e => e.Key).Should().Equal("closed-referrer", "closed-care-coordinator");
    }

    [Fact]
    public void Write_SomeoneWithNoAddress_IsNotedForTheTimelineInsteadOfSkippedSilently()
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);
        var details = record.Referral.Details;
        record = record with { Referral = record.Referral with { Details = details with { CareCoordinator = details.CareCoordinator! with { Email = null } } } };

        var batch = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Discharged));

        batch.Emails.Should().BeEmpty();
        batch.NotEmailed.Should().ContainSingle().Which.Should().Contain("care coordinator").And.Contain("discharged-care-coordinator");
    }

    [Fact]
    public void Write_AReferrerWhoIsTheCareCoordinatorAndNamedNoOther_IsToldOfRiskDischargeAndClosureAsCareCoordinator()
    {
        var (record, tasks) = Closed(ClosureReasons.Completed);
        var details = TestReferrals.Details(ReferrerRelationship.CareCoordinator, referrerEmail: "cc@example.nhs.uk") with { CareCoordinator = null };
        record = record with { Referral = record.Referral with { Details = details } };

        var risk = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.RiskConcern, tasks.First(t => t.Type == CoachTaskType.CheckIn).Id));
        var discharged = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Discharged));
        var closed = emails.Write(record, tasks, new JourneyEmail(JourneyEmailKind.Closed));

        risk.Emails.Should().Contain(e => e.Key.EndsWith("-care-coordinator", StringComparison.Ordinal) && e.Message.To.Mailboxes.Single().Address == "cc@example.nhs.uk");
        discharged.Emails.Should().ContainSingle(e => e.Key == "discharged-care-coordinator").Which.Message.To.Mailboxes.Single().Address.Should().Be("cc@example.nhs.uk");
        risk.NotEmailed.Should().BeEmpty();
        discharged.NotEmailed.Should().BeEmpty();
        closed.Emails.Should().Contain(e => e.Key == "closed-care-coordinator" && e.Message.To.Mailboxes.Single().Address == "cc@example.nhs.uk");
        closed.NotEmailed.Should().NotContain(line => line.Contains("care coordinator", StringComparison.Ordinal));
    }

    private static string? TaskOf(JourneyEmailKind kind, IReadOnlyList<CoachTask> tasks) =>
        kind is JourneyEmailKind.Discharged or JourneyEmailKind.Closed ? null : tasks.First(t => t.Type == CoachTaskType.CheckIn).Id;

    /// <summary>A closed Cambridge referral with its tasks: a conversation, one check-in with notes, a closure.</summary>
    private static (ReferralRecord Record, IReadOnlyList<CoachTask> Tasks) Closed(string reason)
    {
        var details = TestReferrals.Details();
        details = details with { Person = details.Person with { GpPracticeEmail = "reception@linton.example.nhs.uk" } };
        var referral = TestReferrals.Allocated(Team.Cambridge, details) with
        {
            Status = ReferralStatus.Closed,
            Coach = Coach,
            Plan = new CoachingPlan(Now.AddDays(-42), [new Goal("Work on the allotment", "volunteering"), new Goal("Art group", "creative-activity")], new Wellbeing(4, 4, 4, 6), 6, 7, "Pat Peer"),
            Closure = new ClosureRecord(Now, reason, [new GoalProgress(1, 1), new GoalProgress(2, -1)], ["Volunteer centre"], new Wellbeing(7, 7, 7, 3)),
        };
        var record = new ReferralRecord(referral, TestReferrals.SubmittedAt, [], [], new HashSet<string>(), ETag.All);
        IReadOnlyList<CoachTask> tasks =
        [
            Done(referral, CoachTaskType.InitialConversation, new InitialConversationOutcome(reason == ClosureReasons.NotRightNow ? "not-right-now" : "coaching-is-right", [new ContactAttempt(Now, "phone", true)], Signposting)),
            Done(referral, CoachTaskType.CheckIn, new CheckInOutcome(true, [new GoalProgress(1, 0), new GoalProgress(2, 0)], Notes, RiskConcern: true)),
            Done(referral, CoachTaskType.Closure, null),
        ];
        return (record, tasks);
    }

    private static CoachTask Done(Referral referral, CoachTaskType type, object? outcome) =>
        new(Guid.NewGuid().ToString("N"), referral.Id, referral.Reference, type, "cambridge", Coach, CoachTaskStatus.Done, Now.AddDays(-7), Now, null, Now, Coach,
            outcome is null ? null : JsonSerializer.Serialize(outcome, outcome.GetType(), Web));
}
