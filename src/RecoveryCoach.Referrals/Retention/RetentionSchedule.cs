using Microsoft.Extensions.Options;

namespace RecoveryCoach.Referrals.Retention;

/// <summary>
/// Dates each referral for deletion when it is finished: <see cref="RetentionOptions.Years"/>
/// after its last contact. The last contact is the closure for a closed referral (every contact
/// attempt, session and check-in is recorded before it, and the closure task is the last care
/// event), and the decision for an ineligible one (its acknowledgement, sent then, is the only
/// contact). The date is fixed once, so a later change of the period affects referrals that
/// finish after it.
/// </summary>
public sealed class RetentionSchedule(RetentionIndex index, IOptions<RetentionOptions> options)
{
    /// <summary>
    /// <paramref name="referral"/> with its deletion date when this change finishes it, and the
    /// same instance otherwise; <paramref name="now"/> is the time of the change.
    /// </summary>
    public Referral Stamp(Referral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.DeleteAfter is not null || !referral.IsFinished)
        {
            return referral;
        }

        var lastContact = referral.Status == ReferralStatus.Closed ? referral.Closure?.ClosedAt ?? now : now;
        return referral with { DeleteAfter = lastContact.AddYears(options.Value.Years) };
    }

    /// <summary>
    /// Dates a referral that a change finishes, and puts it in the due index before the change
    /// commits: should the commit fail, the retry dates it again, and the purge finds the line of
    /// a referral never finished stale and drops it.
    /// </summary>
    /// <param name="schedule">None for tools that only read: the referral is returned as it is.</param>
    public static async Task<Referral> StampAsync(RetentionSchedule? schedule, Referral referral, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (schedule?.Stamp(referral, now) is not { } stamped || ReferenceEquals(stamped, referral))
        {
            return referral;
        }

        await schedule.ScheduleAsync(stamped, cancellationToken).ConfigureAwait(false);
        return stamped;
    }

    private Task ScheduleAsync(Referral stamped, CancellationToken cancellationToken) =>
        index.ScheduleAsync(stamped.Id, stamped.DeleteAfter!.Value, cancellationToken);
}
