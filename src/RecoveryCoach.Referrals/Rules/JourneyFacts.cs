namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// What journey rules can see, named <c>referral</c> in their expressions, so a duration can
/// differ by team. Policy owners write against these names.
/// </summary>
/// <param name="Team">The allocated team's code, or empty while the referral awaits triage.</param>
/// <param name="AgeInYears">The person's age on the day of referral.</param>
public sealed record JourneyFacts(string Team, int AgeInYears)
{
    internal static JourneyFacts Sample { get; } = new("cambridge", 40);
}
