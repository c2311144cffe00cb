using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Tasks;

namespace RecoveryCoach.Referrals.SubjectAccess;

/// <summary>
/// Everything the service holds about one referral, for a person's request for their records:
/// the referral and its decisions, care timeline and emails (<see cref="Record"/>), its tasks with
/// their forms, and who has seen and changed it.
/// </summary>
public sealed record PersonRecord(ReferralRecord Record, IReadOnlyList<CoachTask> Tasks, IReadOnlyList<AccessEntry> Access);

/// <summary>Gathers <see cref="PersonRecord"/>s from the stores that hold each part.</summary>
public sealed class PersonRecords(ReferralStore referrals, TaskStore tasks, AccessLog log)
{
    /// <summary>Each referral of <paramref name="ids"/> that exists, in the order given; ids not well formed or not found are left out.</summary>
    public async Task<IReadOnlyList<PersonRecord>> CollectAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var records = new List<PersonRecord>();
        foreach (var id in ids.Where(Referral.IsWellFormedId).Distinct(StringComparer.Ordinal))
        {
            if (await referrals.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } record)
            {
                continue;
            }

            var taskList = await tasks.ForReferralAsync(id, cancellationToken).ConfigureAwait(false);
            var access = await log.ForReferralAsync(id, cancellationToken).ConfigureAwait(false);
            records.Add(new PersonRecord(record, [.. taskList.Select(t => t.Task).OrderBy(t => t.CreatedAt)], access));
        }

        return records;
    }
}
