using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Referrals.Rules;

/// <summary>
/// What eligibility rules can see, named <c>referral</c> in their expressions. Policy owners
/// write against these property names, so renaming one breaks <c>rules/eligibility.json</c>.
/// </summary>
public sealed record EligibilityFacts(
    int AgeInYears,
    bool InSecondaryMentalHealthServices,
    bool ReadyToWorkTowardsDischarge,
    bool StrugglingWithDischarge)
{
    /// <summary>A typical eligible referral, used to compile every rule when the rules are loaded.</summary>
    internal static EligibilityFacts Sample { get; } = new(40, true, true, true);

    public static EligibilityFacts For(ReferralDetails details, DateOnly referralDate)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new EligibilityFacts(
            AgeOn(details.Person.DateOfBirth, referralDate),
            details.InSecondaryMentalHealthServices,
            details.ReadyToWorkTowardsDischarge,
            details.StrugglingWithDischarge);
    }

    /// <summary>
    /// Whole years of age on <paramref name="onDate"/>. Someone born on 29 February becomes a
    /// year older on 1 March in a common year, as UK law counts it.
    /// </summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly onDate)
    {
        var age = onDate.Year - dateOfBirth.Year;
        var birthdayThisYear = dateOfBirth.Month == 2 && dateOfBirth.Day == 29 && !DateTime.IsLeapYear(onDate.Year)
            ? new DateOnly(onDate.Year, 3, 1)
            : new DateOnly(onDate.Year, dateOfBirth.Month, dateOfBirth.Day);
        return onDate < birthdayThisYear ? age - 1 : age;
    }
}
