using System.Security.Cryptography;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// Sets and clears the legal hold that stops one referral's deletion, for as long as a claim,
/// investigation or inquiry needs it kept. Only admins may; each change is a line on the
/// referral's timeline naming who made it.
/// </summary>
public sealed class LegalHolds(ReferralStore referrals, TimeProvider time)
{
    /// <summary>Puts the hold on (<paramref name="held"/>) or takes it off; doing what is already so changes nothing.</summary>
    public async Task<StaffActionResult> SetAsync(string referralId, bool held, StaffMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Role != StaffRole.Admin)
        {
            return new StaffActionResult.Forbidden("Only an admin may set or clear a legal hold.");
        }

        var record = Referral.IsWellFormedId(referralId) ? await referrals.GetAsync(referralId, cancellationToken).ConfigureAwait(false) : null;
        if (record is null)
        {
            return new StaffActionResult.NotFound($"There is no referral {referralId}.");
        }

        if (record.Referral.LegalHold == held)
        {
            return new StaffActionResult.Accepted(held);
        }

        var now = time.GetUtcNow();
        // Each change is a step of its own, so a hold set, cleared and set again is three changes.
        var step = $"legal-hold-{now.UtcTicks}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        await referrals.ApplyAsync(referralId, step, now, current =>
        {
            AuditEntry line = held
                ? new(now, member.Email, "legal-hold-set", "Legal hold set: the referral is kept past its retention date until the hold is cleared.")
                : new(now, member.Email, "legal-hold-cleared", "Legal hold cleared: the referral is deleted at its retention date.");
            return (current.Referral with { LegalHold = held }, current.Referral.LegalHold == held ? [] : [line]);
        }, cancellationToken).ConfigureAwait(false);
        return new StaffActionResult.Accepted(held);
    }
}
