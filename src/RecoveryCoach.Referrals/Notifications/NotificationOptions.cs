using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Notifications;

/// <summary>Who is told about new referrals, and the address links in emails point to.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>The service's public address; emails link to referrals under it.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// Each team's referral inbox, keyed by team code (<c>cambridge</c>, <c>huntingdon</c>,
    /// <c>peterborough-fenland</c>); in a key, '_' stands for '-' (<see cref="TeamCodeComparer"/>).
    /// </summary>
    public Dictionary<string, string> TeamInboxes { get; set; } = new(TeamCodeComparer.Instance);

    /// <summary>
    /// Each team's lead, keyed by team code: told when a task of the team is overdue past
    /// escalation, when a risk concern is recorded, and asked to approve more weeks. Keyed as
    /// <see cref="TeamInboxes"/> is.
    /// </summary>
    public Dictionary<string, string> TeamLeadInboxes { get; set; } = new(TeamCodeComparer.Instance);

    /// <summary>The team leads' shared inbox for referrals no allocation rule places.</summary>
    [Required]
    [EmailAddress]
    public string TriageInbox { get; set; } = string.Empty;

    /// <summary>The phone number people are given to ask about a referral.</summary>
    [Required]
    public string ServicePhone { get; set; } = "01733 748386";

    /// <summary>
    /// The most referral emails (acknowledgements) one address a submitter gave receives in a UK
    /// day, whoever submits; more are withheld and recorded as withheld on the referral.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ReferralEmailsPerAddressPerDay { get; set; } = 5;

    /// <summary>Where a client reads a referral's state through the API: the answer to a submission points here.</summary>
    public string ReferralLink(string referralId) => $"{PublicBaseUrl.TrimEnd('/')}/api/referrals/{referralId}";

    /// <summary>
    /// The page that tells anyone with the link where a referral stands, in a few words and
    /// dates; emails to the referrer, the person, the care coordinator and the GP link here.
    /// </summary>
    public string StatusPageLink(string referralId) => $"{PublicBaseUrl.TrimEnd('/')}/referral/{referralId}";

    /// <summary>The referral's page for its team, behind sign-in; emails to staff link here.</summary>
    public string StaffReferralLink(string referralId) => $"{PublicBaseUrl.TrimEnd('/')}/staff/referrals/{referralId}";

    /// <summary>Where staff open a task: its page, behind sign-in.</summary>
    public string TaskLink(string taskId) => $"{PublicBaseUrl.TrimEnd('/')}/staff/tasks/{taskId}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var email = new EmailAddressAttribute();
        foreach (var team in Team.All)
        {
            if (!TeamInboxes.TryGetValue(team.Code, out var inbox) || !email.IsValid(inbox) || string.IsNullOrWhiteSpace(inbox))
            {
                yield return new ValidationResult($"Notifications:TeamInboxes:{team.Code} must be the {team.Name} team's email address.", [nameof(TeamInboxes)]);
            }

            if (!TeamLeadInboxes.TryGetValue(team.Code, out var lead) || !email.IsValid(lead) || string.IsNullOrWhiteSpace(lead))
            {
                yield return new ValidationResult($"Notifications:TeamLeadInboxes:{team.Code} must be the {team.Name} team lead's email address.", [nameof(TeamLeadInboxes)]);
            }
        }
    }
}
