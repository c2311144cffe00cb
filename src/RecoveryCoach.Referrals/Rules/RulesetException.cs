namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// The rule files cannot be used. Each error reads <c>file: rule: message</c> so a policy owner
/// can find the line to fix; the service refuses to start rather than decide with broken rules.
/// </summary>
public sealed class RulesetException : Exception
{
    public RulesetException(IReadOnlyList<string> errors)
        : base("The rule files have errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public RulesetException()
        : this([])
    {
    }

    public RulesetException(string message)
        : this([message])
    {
    }

    public RulesetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
