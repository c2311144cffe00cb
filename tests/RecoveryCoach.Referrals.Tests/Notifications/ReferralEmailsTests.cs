using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Tests.Notifications;

public class ReferralEmailsTests
{
    private const string CambridgeInbox = "cambridge.team@example.nhs.uk";
    private const string HuntingdonInbox = "huntingdon.team@example.nhs.uk";
    private const string PeterboroughInbox = "pf.team@example.nhs.uk";
    private const string TriageInbox = "team.leads@example.nhs.uk";

    private readonly ReferralEmails emails = new(Options.Create(new NotificationOptions
    {
        PublicBaseUrl = "https://recovery-coach.example.nhs.uk/",
        TeamInboxes = new Dictionary<string, string>
        {
            ["cambridge"] = CambridgeInbox,
            ["huntingdon"] = HuntingdonInbox,
            ["peterborough-fenland"] = PeterboroughInbox,
        },
        TriageInbox = TriageInbox,
        ServicePhone = "01632 960 999",
    }));

    public static TheoryData<string> EveryKindOfReferral => ["allocated", "self-allocated", "awaiting-triage", "ineligible", "self-ineligible"];

    [Theory]
    [MemberData(nameof(EveryKindOfReferral))]
    public void ForAcceptedReferral_AnyReferral_NoSubjectOrBodyHoldsTheNameOrReason(string kind)
    {
        var referral = Example(kind);

        var sent = emails.ForAcceptedReferral(referral);

        sent.Should().NotBeEmpty();
        foreach (var email in sent)
        {
            var text = email.Message.Subject + "\n" + email.Message.TextBody;
            text.Should().NotContain(referral.Details.Reason)
                .And.NotContain(referral.Details.Person.GivenName)
                .And.NotContain(referral.Details.Person.FamilyName)
                .And.Contain(referral.Reference);
        }
    }

    [Theory]
    [InlineData("cambridge", CambridgeInbox)]
    [InlineData("huntingdon", HuntingdonInbox)]
    [InlineData("peterborough-fenland", PeterboroughInbox)]
    public void ForAcceptedReferral_Allocated_AcknowledgesReferrerAndPersonAndTellsTheTeam(string teamCode, string inbox)
    {
        Team.TryFind(teamCode, out var team);
        var referral = TestReferrals.Allocated(team!);

        var sent = emails.ForAcceptedReferral(referral);

        sent.Select(e => (e.Key, e.Recipient, To: e.Message.To.Mailboxes.Single().Address)).Should().Equal(
            ("acknowledgement-referrer", "referrer", "referrer@example.com"),
            ("acknowledgement-person", "person", "person@example.com"),
            ("team-notice", "team inbox", inbox));
        sent[2].Message.Subject.Should().Contain(team!.Name);
        sent[0].Message.TextBody.Should().Contain($"the {team.Name} team will contact the person");
        sent[1].Message.TextBody.Should().Contain($"the {team.Name} team will contact you");
    }

    [Fact]
    public void ForAcceptedReferral_PersonHasNoEmail_SendsNoPersonCopy()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge, TestReferrals.Details(personEmail: null));

        var sent = emails.ForAcceptedReferral(referral);

        sent.Select(e => e.Key).Should().Equal("acknowledgement-referrer", "team-notice");
    }

    [Fact]
    public void ForAcceptedReferral_ReferrerHasNoEmail_SendsNoAcknowledgementToTheReferrer()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge, TestReferrals.Details(referrerEmail: null));

        var sent = emails.ForAcceptedReferral(referral);

        sent.Select(e => e.Key).Should().Equal("acknowledgement-person", "team-notice");
    }

    [Fact]
    public void ForAcceptedReferral_SelfReferral_SendsOneAcknowledgementToThePersonThatSaysYou()
    {
        var referral = TestReferrals.Allocated(Team.Cambridge, TestReferrals.Details(ReferrerRelationship.Self));

        var sent = emails.ForAcceptedReferral(referral);

        sent.Select(e => (e.Key, To: e.Message.To.Mailboxes.Single().Address)).Should().Equal(
            ("acknowledgement-referrer", "person@example.com"),
            ("team-notice", CambridgeInbox));
        var body = sent[0].Message.TextBody;
        body.Should().Contain("referring yourself").And.Contain("will contact you").And.NotContain("the person");
    }

    [Fact]
    public void ForAcceptedReferral_Ineligible_ListsEachUnmetReasonAndTheVersionToTheReferrerAndTellsNoTeam()
    {
        var referral = TestReferrals.Ineligible(
            [
                new CriterionResult("Aged 17 to 65", false, "Reason one: outside the age range."),
                new CriterionResult("In secondary mental health services", true, "Reason met: in services."),
                new CriterionResult("Ready to work towards discharge", false, "Reason two: not ready yet."),
            ],
            "abcdef012345");

        var sent = emails.ForAcceptedReferral(referral);

        sent.Select(e => e.Key).Should().Equal("acknowledgement-referrer", "acknowledgement-person");
        var toReferrer = sent[0].Message.TextBody;
        toReferrer.Should().Contain("- Reason one: outside the age range.")
            .And.Contain("- Reason two: not ready yet.")
            .And.NotContain("Reason met")
            .And.Contain("version abcdef012345");
        sent[1].Message.TextBody.Should().NotContain("Reason one").And.NotContain("Reason two");
    }

    [Fact]
    public void ForAcceptedReferral_IneligibleSelfReferral_GivesThePersonTheReasons()
    {
        var referral = TestReferrals.Ineligible(
            [new CriterionResult("Aged 17 to 65", false, "Reason one: outside the age range.")],
            "abcdef012345",
            TestReferrals.Details(ReferrerRelationship.Self));

        var sent = emails.ForAcceptedReferral(referral);

        sent.Should().ContainSingle().Which.Message.TextBody.Should().Contain("- Reason one: outside the age range.").And.Contain("your care coordinator");
    }

    [Theory]
    [MemberData(nameof(EveryKindOfReferral))]
    public void ForAcceptedReferral_AnyReferral_LinksPeopleToThePublicStatusPageAndTeamsToTheStaffPage(string kind)
    {
        var referral = Example(kind);

        var sent = emails.ForAcceptedReferral(referral);

        foreach (var email in sent)
        {
            var link = email.Recipient is "referrer" or "person"
                ? $"https://recovery-coach.example.nhs.uk/referral/{referral.Id}"
                : $"https://recovery-coach.example.nhs.uk/staff/referrals/{referral.Id}";
            email.Message.TextBody.Should().Contain(link, email.Key).And.NotContain("/api/", email.Key);
        }
    }

    [Fact]
    public void ForAcceptedReferral_AwaitingTriage_NotifiesTheTriageInbox()
    {
        var referral = TestReferrals.AwaitingTriage();

        var sent = emails.ForAcceptedReferral(referral);

        sent.Select(e => e.Key).Should().Equal("acknowledgement-referrer", "acknowledgement-person", "triage-notice");
        var notice = sent[2];
        notice.Recipient.Should().Be("triage inbox");
        notice.Message.To.Mailboxes.Select(m => m.Address).Should().Equal(TriageInbox);
        notice.Message.TextBody.Should().Contain($"https://recovery-coach.example.nhs.uk/staff/referrals/{referral.Id}");
    }

    [Fact]
    public void ForAcceptedReferral_SameReferralTwice_UsesTheSameMessageIds()
    {
        var referral = TestReferrals.Allocated(Team.Huntingdon);

        var first = emails.ForAcceptedReferral(referral).Select(e => e.Message.MessageId).ToList();
        var second = emails.ForAcceptedReferral(referral).Select(e => e.Message.MessageId).ToList();

        first.Should().Equal(second).And.OnlyHaveUniqueItems().And.OnlyContain(id => id.Contains(referral.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void ForAcceptedReferral_DifferentReferrals_UseDifferentMessageIds()
    {
        var first = emails.ForAcceptedReferral(TestReferrals.Allocated(Team.Huntingdon)).Select(e => e.Message.MessageId);
        var second = emails.ForAcceptedReferral(TestReferrals.Allocated(Team.Huntingdon)).Select(e => e.Message.MessageId);

        first.Should().NotIntersectWith(second);
    }

    private static Referral Example(string kind) => kind switch
    {
        "allocated" => TestReferrals.Allocated(Team.Cambridge),
        "self-allocated" => TestReferrals.Allocated(Team.Cambridge, TestReferrals.Details(ReferrerRelationship.Self)),
        "awaiting-triage" => TestReferrals.AwaitingTriage(),
        "ineligible" => TestReferrals.Ineligible([new CriterionResult("Aged 17 to 65", false, "Outside the age range.")], "abcdef012345"),
        "self-ineligible" => TestReferrals.Ineligible([new CriterionResult("Aged 17 to 65", false, "Outside the age range.")], "abcdef012345", TestReferrals.Details(ReferrerRelationship.Self)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
