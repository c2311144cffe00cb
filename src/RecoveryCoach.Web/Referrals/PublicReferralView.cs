using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Referrals;

/// <summary>
/// A referral as anyone with its link sees it, signed in or not: the reference, a coarse status
/// and dates. The link is emailed to the referrer, who may only know the person, so it says
/// nothing of risk, discharge, contact, goals or staff; the staff see those after signing in.
/// </summary>
/// <param name="DecidedAt">When the criteria were checked; null until then.</param>
/// <param name="ClosedAt">When the referral closed; null while it is open.</param>
public sealed record PublicReferralView(
    string Reference,
    PublicStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? ClosedAt)
{
    public static PublicReferralView Of(ReferralRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var referral = record.Referral;
        return new PublicReferralView(referral.Reference, referral.PublicStatus, referral.SubmittedAt, record.DecidedAt, referral.Closure?.ClosedAt);
    }
}
