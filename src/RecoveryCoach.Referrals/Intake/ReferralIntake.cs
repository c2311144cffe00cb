using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RecoveryCoach.Referrals.Notifications;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>
/// Takes a submission from the web to a stored, decided and acknowledged referral: validate,
/// decide eligibility and team with the rules, store it with its audit trail, then email. A
/// referral is stored before any email is tried, so a mail outage delays messages but never
/// loses a referral; once stored, the request's cancellation no longer stops the work.
/// </summary>
public sealed class ReferralIntake(
    Ruleset rules,
    ReferralStore referrals,
    ReferralKeyStore keys,
    ReferralNotifier notifier,
    TimeProvider time,
    ILogger<ReferralIntake> logger)
{
    private const int ReferenceAttempts = 5;
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <param name="submission">What the client sent.</param>
    /// <param name="idempotencyKey">The client's <c>Idempotency-Key</c>: the same key always answers with the same referral.</param>
    public async Task<IntakeResult> SubmitAsync(ReferralSubmission submission, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, UkTime).DateTime);

        var validation = ReferralValidator.Validate(submission, today);
        if (validation.Details is not { } details)
        {
            logger.ReferralInvalid(validation.Errors.Count);
            return new IntakeResult.Invalid(validation.Errors);
        }

        var eligibility = await rules.DecideEligibilityAsync(EligibilityFacts.For(details, today)).ConfigureAwait(false);
        var allocation = eligibility.Eligible ? await rules.AllocateAsync(AllocationFacts.For(details.Person.Postcode)).ConfigureAwait(false) : null;

        var id = Guid.NewGuid().ToString("N");
        var reference = await ReserveReferenceAsync(id, cancellationToken).ConfigureAwait(false);
        if (idempotencyKey is not null)
        {
            var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission)));
            var claim = await keys.ClaimAsync(idempotencyKey, new IdempotencyClaim(id, reference, requestHash), cancellationToken).ConfigureAwait(false);
            if (claim.RequestHash != requestHash)
            {
                logger.IdempotencyKeyReused(claim.ReferralId);
                return new IntakeResult.KeyReused();
            }

            if (claim.ReferralId != id)
            {
                if (await referrals.GetAsync(claim.ReferralId, cancellationToken).ConfigureAwait(false) is { } earlier)
                {
                    logger.ReferralReplayed(earlier.Referral.Id);
                    return new IntakeResult.Accepted(earlier, Replayed: true);
                }

                // The earlier request claimed the key but has not stored the referral (yet): finish it under its id.
                (id, reference) = (claim.ReferralId, claim.Reference);
            }
        }

        var status = !eligibility.Eligible ? ReferralStatus.Ineligible
            : allocation!.NeedsTriage ? ReferralStatus.AwaitingTriage
            : ReferralStatus.Allocated;
        var referral = new Referral(id, reference, status, details, now, now, eligibility, allocation);

        if (!await referrals.CreateAsync(referral, now, AuditOfIntake(referral, now), cancellationToken).ConfigureAwait(false))
        {
            var twin = await referrals.GetAsync(id, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Referral {id} was reported as existing but cannot be read.");
            logger.ReferralReplayed(id);
            return new IntakeResult.Accepted(twin, Replayed: true);
        }

        logger.ReferralAccepted(id, reference, status);
        var stored = await referrals.GetAsync(id, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral {id} was stored but cannot be read.");
        try
        {
            stored = await notifier.NotifyAcceptedAsync(stored, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or ReferralConflictException)
        {
            // The referral is stored; only the record of its emails is missing, and the log says so.
            logger.NotificationNotRecorded(ex, id);
        }

        return new IntakeResult.Accepted(stored, Replayed: false);
    }

    private async Task<string> ReserveReferenceAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reference = ReferenceGenerator.Next();
            if (await keys.TryReserveReferenceAsync(reference, id, cancellationToken).ConfigureAwait(false))
            {
                return reference;
            }

            logger.ReferenceCollision(reference);
            if (attempt == ReferenceAttempts)
            {
                throw new InvalidOperationException($"No free reference found in {ReferenceAttempts} attempts.");
            }
        }
    }

    private static List<AuditEntry> AuditOfIntake(Referral referral, DateTimeOffset now)
    {
        var rulesActor = $"rules {referral.Eligibility.RulesetVersion}";
        var audit = new List<AuditEntry>
        {
            new(now, $"referrer ({referral.Details.Referrer.Relationship.ToName()})", "received", $"Referral {referral.Reference} received."),
            new(now, rulesActor, "eligibility-decided", referral.Eligibility.Eligible
                ? "Eligible: every criterion is met."
                : $"Not eligible: {string.Join(" ", referral.Eligibility.Criteria.Where(c => !c.Met).Select(c => c.Reason))}"),
        };
        if (referral.Allocation is { } allocation)
        {
            audit.Add(new(now, rulesActor, allocation.NeedsTriage ? "triage-needed" : "allocated", allocation.Reason));
        }

        return audit;
    }
}
