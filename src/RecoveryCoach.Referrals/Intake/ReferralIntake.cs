using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Client;
using RecoveryCoach.Referrals.Journey;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Referrals.Submissions;
using RecoveryCoach.Referrals.Telemetry;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>
/// Takes a submission to a stored referral with its journey started: validate, store with the
/// first audit line, then start the referral's orchestration under its id. The orchestration
/// decides eligibility and team and sends the emails, durably: a rules or mail outage delays
/// them but never loses the referral. Once stored, the request's cancellation no longer stops
/// the work.
/// </summary>
public sealed class ReferralIntake(
    ReferralStore referrals,
    ReferralKeyStore keys,
    DurableTaskClient journeys,
    TimeProvider time,
    ILogger<ReferralIntake> logger)
{
    private const int ReferenceAttempts = 5;

    /// <param name="submission">What the client sent.</param>
    /// <param name="idempotencyKey">The client's <c>Idempotency-Key</c>: the same key always answers with the same referral.</param>
    /// <param name="channel">How it came in, for the count of referrals received.</param>
    public async Task<IntakeResult> SubmitAsync(ReferralSubmission submission, string? idempotencyKey, ReferralChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var now = time.GetUtcNow();
        var validation = ReferralValidator.Validate(submission, UkDate.Of(now));
        if (validation.Details is not { } details)
        {
            logger.ReferralInvalid(validation.Errors.Count);
            return new IntakeResult.Invalid(validation.Errors);
        }

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
                    return await ReplayAsync(earlier).ConfigureAwait(false);
                }

                // The earlier request claimed the key but has not stored the referral (yet): finish it under its id.
                (id, reference) = (claim.ReferralId, claim.Reference);
            }
        }

        var referral = new Referral(id, reference, ReferralStatus.Received, details, now, now, Eligibility: null, Allocation: null);
        AuditEntry received = new(now, $"referrer ({details.Referrer.Relationship.ToName()})", "received", $"Referral {reference} received.");
        if (!await referrals.CreateAsync(referral, now, [received], cancellationToken).ConfigureAwait(false))
        {
            var twin = await referrals.GetAsync(id, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Referral {id} was reported as existing but cannot be read.");
            return await ReplayAsync(twin).ConfigureAwait(false);
        }

        logger.ReferralAccepted(id, reference, referral.Status);
        ReferralTelemetry.ReferralReceived(channel);
        await journeys.StartJourneyAsync(id).ConfigureAwait(false);
        var stored = await referrals.GetAsync(id, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral {id} was stored but cannot be read.");
        return new IntakeResult.Accepted(stored, Replayed: false);
    }

    /// <summary>An earlier submission stored this referral; make sure its journey runs, and answer with it.</summary>
    private async Task<IntakeResult> ReplayAsync(ReferralRecord earlier)
    {
        logger.ReferralReplayed(earlier.Referral.Id);
        if (await journeys.GetInstanceAsync(earlier.Referral.Id, CancellationToken.None).ConfigureAwait(false) is null)
        {
            await journeys.StartJourneyAsync(earlier.Referral.Id).ConfigureAwait(false);
        }

        return new IntakeResult.Accepted(earlier, Replayed: true);
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
}
