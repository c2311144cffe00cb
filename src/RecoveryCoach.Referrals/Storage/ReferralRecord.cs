using Azure;
using RecoveryCoach.Referrals.Notifications;

namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// A referral as read from storage, with its notifications and audit trail, and the ETag an
/// update must match.
/// </summary>
/// <param name="DecidedAt">When the rules decided eligibility and allocation; null until they have.</param>
/// <param name="Steps">The keys of the journey steps already applied, so a retried activity applies each once.</param>
public sealed record ReferralRecord(
    Referral Referral,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<NotificationRecord> Notifications,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlySet<string> Steps,
    ETag ETag);
