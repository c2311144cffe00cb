using RecoveryCoach.Referrals.Storage;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>What became of a submission.</summary>
public abstract record IntakeResult
{
    private IntakeResult()
    {
    }

    /// <summary>Stored; <paramref name="Replayed"/> when an earlier submission with the same idempotency key had already stored it.</summary>
    public sealed record Accepted(ReferralRecord Record, bool Replayed) : IntakeResult;

    /// <summary>Refused before anything was stored, with every error by field path.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : IntakeResult;

    /// <summary>The idempotency key was used before for a different referral.</summary>
    public sealed record KeyReused : IntakeResult;
}
