using Microsoft.AspNetCore.Mvc;
using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// The one rule of the pages only those answerable for a referral's records may open (its access
/// log, the correction form): the team leads of its team and admins. Staff who may not see the
/// referral at all are told it does not exist, as on its own page; its team's coaches are refused.
/// </summary>
internal static class LeadsReferral
{
    /// <summary>The referral, or the answer to give instead: 404, or 403 for a coach.</summary>
    public static async Task<(Referral? Referral, IActionResult? Refusal)> FindAsync(ReferralStore referrals, StaffMember member, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        ArgumentNullException.ThrowIfNull(member);
        var record = Referral.IsWellFormedId(id) ? await referrals.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (record is null || !member.CanSee(record.Referral))
        {
            return (null, new NotFoundResult());
        }

        return member.LeadsTeams ? (record.Referral, null) : (null, new ForbidResult());
    }
}
