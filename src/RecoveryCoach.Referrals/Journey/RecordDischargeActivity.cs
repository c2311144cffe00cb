using System.Globalization;
using Microsoft.DurableTask;
using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Journey;

/// <param name="On">The date the person was discharged from the trust.</param>
/// <param name="By">The member of staff who recorded it.</param>
public sealed record Discharge(string ReferralId, DateOnly On, string By);

/// <summary>
/// Records that the person left the trust's care. Coaching continues: the journey goes on
/// exactly as before, and the care coordinator is told. Recorded once; the request that told
/// the journey is let go.
/// </summary>
public sealed class RecordDischargeActivity(ReferralStore referrals, PendingRequestStore pending, TimeProvider time) : TaskActivity<Discharge, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, Discharge input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        AuditEntry line = new(now, input.By, "discharged", string.Create(CultureInfo.InvariantCulture, $"Discharged from the trust on {input.On:d MMMM yyyy}; coaching continues."));
        await referrals.ApplyAsync(input.ReferralId, "discharged", now, current => (current.Referral with { DischargedOn = input.On }, [line]), CancellationToken.None).ConfigureAwait(false);
        await pending.ReleaseAsync(input.ReferralId, JourneyRequestKind.Discharge, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
