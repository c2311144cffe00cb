namespace RecoveryCoach.Referrals.Journey;

/// <summary>Some emails could not be sent; they will be tried again.</summary>
public sealed class MailNotSentException : Exception
{
    public MailNotSentException()
    {
    }

    public MailNotSentException(string message)
        : base(message)
    {
    }

    public MailNotSentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
