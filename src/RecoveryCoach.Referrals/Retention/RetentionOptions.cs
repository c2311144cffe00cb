using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// How long the service keeps a referral after its last contact, and how often it deletes those
/// past their time. Records policy, not eligibility, so it is configuration and not a rule file:
/// the Records Management Code of Practice (2023) keeps mental health records for 20 years after
/// the last contact.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Years a referral is kept after its last contact (20 by the Code); fixed on the referral when it closes.</summary>
    [Range(1, 100)]
    public int Years { get; set; } = 20;

    /// <summary>How often the web app's own purge runs when it runs the journeys (a day by default); the Functions app runs it daily at 02:00 UTC.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether the purge runs at all. Dates are recorded either way, so turning it on later
    /// deletes what is due then.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
