using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Notifications;


/// <summary>
/// Writes the emails sent when a referral arrives. They carry the reference and a link, never
/// the person's name or the reason for referral: an email can reach the wrong inbox, and staff
/// read the details after signing in.
/// </summary>
public sealed class ReferralEmails(IOptions<NotificationOptions> options)
{
    /// <summary>The notification key of the referrer's acknowledgement.</summary>
    public const string AcknowledgementToReferrerKey = "acknowledgement-referrer";

    /// <summary>The notification key of the referred person's acknowledgement.</summary>
    public const string AcknowledgementToPersonKey = "acknowledgement-person";

    /// <summary>
    /// The emails sent to addresses the submitter gave, which anyone can submit: each counts
    /// against its address's daily limit (<see cref="RecipientMailLimit"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> Acknowledgements = new HashSet<string>(StringComparer.Ordinal) { AcknowledgementToReferrerKey, AcknowledgementToPersonKey };

    private readonly NotificationOptions settings = options.Value;

    /// <summary>Every email a newly accepted referral needs, each with a stable Message-Id so a retry is recognisable.</summary>
    public IReadOnlyList<ReferralEmail> ForAcceptedReferral(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var emails = new List<ReferralEmail>();
        var details = referral.Details;
        var self = details.Referrer.Relationship == ReferrerRelationship.Self;

        var referrerAddress = self ? details.Person.Email : details.Referrer.Email;
        if (referrerAddress is not null)
        {
            emails.Add(ReferralEmail.Create(referral, AcknowledgementToReferrerKey, AcknowledgementToReferrerKey, "referrer", referrerAddress, $"Referral {referral.Reference} received", AcknowledgementToReferrer(referral)));
        }

        if (!self && details.Person.Email is { } personAddress)
        {
            emails.Add(ReferralEmail.Create(referral, AcknowledgementToPersonKey, AcknowledgementToPersonKey, "person", personAddress, $"You have been referred to the Recovery Coach Team ({referral.Reference})", AcknowledgementToPerson(referral)));
        }

        if (referral.Allocation?.Team is { } team)
        {
            emails.Add(ReferralEmail.Create(referral, "team-notice", "team-notice", "team inbox", settings.TeamInboxes[team.Code], $"New referral {referral.Reference} for the {team.Name} team", TeamNotice(referral, team)));
        }
        else if (referral.Status == ReferralStatus.AwaitingTriage)
        {
            emails.Add(ReferralEmail.Create(referral, "triage-notice", "triage-notice", "triage inbox", settings.TriageInbox, $"Referral {referral.Reference} needs a team", TriageNotice(referral)));
        }

        return emails;
    }

    private string AcknowledgementToReferrer(Referral referral) =>
        Acknowledgement(referral, referral.Details.Referrer.Relationship == ReferrerRelationship.Self ? Reader.SelfReferrer : Reader.Referrer);

    private string AcknowledgementToPerson(Referral referral) => Acknowledgement(referral, Reader.ReferredPerson);

    private string Acknowledgement(Referral referral, Reader reader)
    {
        var text = new StringBuilder().AppendLine(reader switch
        {
            Reader.SelfReferrer => "Thank you for referring yourself to the Recovery Coach Team.",
            Reader.ReferredPerson => "Someone has referred you to the Recovery Coach Team, who offer coaching and peer support while you move from secondary mental health services to your GP.",
            _ => "Thank you for your referral to the Recovery Coach Team.",
        });
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your reference is {referral.Reference}. Please quote it if you contact us.")
            .AppendLine();

        var them = reader == Reader.Referrer ? "the person" : "you";
        switch (referral.Status)
        {
            case ReferralStatus.Allocated:
                text.AppendLine(CultureInfo.InvariantCulture, $"What happens next: the {referral.Allocation!.Team!.Name} team will contact {them} to talk about coaching, and together {(reader == Reader.Referrer ? "they" : "you")} will decide whether the service is right.");
                break;
            case ReferralStatus.AwaitingTriage:
                text.AppendLine(CultureInfo.InvariantCulture, $"What happens next: a team lead will choose the team that covers {(reader == Reader.Referrer ? "the person's" : "your")} area, and that team will contact {them} to talk about coaching.");
                break;
            case ReferralStatus.Ineligible when reader == Reader.ReferredPerson:
                text.AppendLine("The referral does not meet the service's criteria, and we have written to the person who referred you with the reasons. Your care coordinator or GP can talk with you about other support.");
                break;
            case ReferralStatus.Ineligible:
                AppendDecline(text, referral, reader == Reader.Referrer ? "the person's" : "your");
                break;
        }

        return text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"You can see where the referral stands at {settings.StatusPageLink(referral.Id)}")
            .AppendLine(CultureInfo.InvariantCulture, $"Questions: call the Recovery Coach Team on {settings.ServicePhone}.")
            .ToString();
    }

    private string TeamNotice(Referral referral, Team team) =>
        new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"A new referral, {referral.Reference}, has been allocated to the {team.Name} team.")
            .AppendLine(CultureInfo.InvariantCulture, $"Received: {referral.SubmittedAt:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Open the referral: {StaffLink(referral)}")
            .ToString();

    private string TriageNotice(Referral referral) =>
        new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Referral {referral.Reference} is eligible, but no allocation rule places it with a team.")
            .AppendLine(CultureInfo.InvariantCulture, $"Received: {referral.SubmittedAt:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Please choose a team: {StaffLink(referral)}")
            .ToString();

    private void AppendDecline(StringBuilder text, Referral referral, string whose)
    {
        text.AppendLine("We are sorry, but the referral does not meet the service's criteria:");
        foreach (var criterion in referral.Eligibility!.Criteria.Where(c => !c.Met))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {criterion.Reason}");
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"This was decided by the service's published eligibility rules (version {referral.Eligibility.RulesetVersion}) on {referral.SubmittedAt:d MMMM yyyy}.")
            .AppendLine(CultureInfo.InvariantCulture, $"If you think this is wrong, call us on {settings.ServicePhone} and a member of the team will look at it again.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Other places to turn: {whose} care coordinator or GP can talk about other support. In a mental health crisis, call NHS 111 and choose the mental health option, or call Samaritans free on 116 123.");
    }

    private string StaffLink(Referral referral) => settings.StaffReferralLink(referral.Id);

    private enum Reader
    {
        Referrer,
        SelfReferrer,
        ReferredPerson,
    }
}
