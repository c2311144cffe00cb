namespace RecoveryCoach.Referrals.Journey;

/// <summary>
/// Staff asked to close the referral now. Thrown from wherever the journey waits, and caught
/// by the journey itself, which goes straight to closure.
/// </summary>
internal sealed class EarlyClosureRequestedException : Exception
{
    public EarlyClosureRequestedException()
    {
    }

    public EarlyClosureRequestedException(string message)
        : base(message)
    {
    }

    public EarlyClosureRequestedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
