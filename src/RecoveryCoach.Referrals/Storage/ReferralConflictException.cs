namespace RecoveryCoach.Referrals.Storage;

/// <summary>
/// Someone else changed the referral since it was read. The caller reads it again and decides
/// afresh rather than overwrite the other change.
/// </summary>
public sealed class ReferralConflictException : Exception
{
    public ReferralConflictException()
    {
    }

    public ReferralConflictException(string message)
        : base(message)
    {
    }

    public ReferralConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
