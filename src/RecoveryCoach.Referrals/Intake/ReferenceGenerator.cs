using System.Security.Cryptography;

namespace RecoveryCoach.Referrals.Intake;

/// <summary>
/// Makes references such as <c>RC-7K3M9Q</c>: short enough to read out on the phone, from an
/// alphabet without the characters people confuse (0 and O, 1 and I and L, U and V).
/// </summary>
public static class ReferenceGenerator
{
    /// <summary>The 29 characters a reference uses after <c>RC-</c>.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

    public const int Length = 6;

    public static string Next() => "RC-" + RandomNumberGenerator.GetString(Alphabet, Length);
}
