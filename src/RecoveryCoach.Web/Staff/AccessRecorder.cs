using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// Writes what the signed-in member of staff does to the access log, with the address the request
/// came from. Views are recorded before the page or answer is sent, so nothing is shown that the
/// log does not hold; changes are recorded once the service has accepted them.
/// </summary>
public sealed class AccessRecorder(AccessLog log, ReferralStore referrals, TimeProvider time)
{
    /// <summary>Records that the member saw <paramref name="referral"/> through <paramref name="what"/>, such as <c>referral page</c>.</summary>
    public Task ViewedAsync(HttpContext context, Referral referral, string what, CancellationToken cancellationToken) =>
        RecordAsync(context, AccessActions.Viewed, what, referral, cancellationToken);

    /// <summary>Records <paramref name="action"/> (one of <see cref="AccessActions"/>) with its detail, about one referral or none.</summary>
    public Task RecordAsync(HttpContext context, string action, string detail, Referral? referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return log.RecordAsync(AccessEntry.Of(context.User.Member(), ClientAddress.Of(context), time.GetUtcNow(), action, detail, referral), cancellationToken);
    }

    /// <summary>
    /// Waits for a staff change and, when the service accepted it, records it as <c>changed</c> on
    /// the referral <paramref name="referralIdOf"/> names (from the accepted value, such as a task);
    /// a refused change changed nothing, so nothing is recorded.
    /// </summary>
    public async Task<StaffActionResult> ChangedAsync(
        HttpContext context, Task<StaffActionResult> acting, Func<object?, string> referralIdOf, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acting);
        ArgumentNullException.ThrowIfNull(referralIdOf);
        var result = await acting.ConfigureAwait(false);
        if (result is StaffActionResult.Accepted accepted && await referrals.GetAsync(referralIdOf(accepted.Value), cancellationToken).ConfigureAwait(false) is { } record)
        {
            await RecordAsync(context, AccessActions.Changed, detail, record.Referral, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
