namespace RecoveryCoach.Referrals.Submissions;

/// <summary>
/// A ten-digit NHS number that has passed the Modulus 11 check. Matching people across
/// referrals depends on it, so an invalid number is never stored.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    /// <summary>The ten digits with no separators, as stored.</summary>
    public string Digits { get; }

    /// <summary>Accepts ten digits, optionally grouped with spaces (<c>943 476 5919</c>).</summary>
    public static bool TryParse(string? text, out NhsNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10 || check != digits[9] - '0')
        {
            return false;
        }

        number = new NhsNumber(digits);
        return true;
    }

    /// <summary>The 3-3-4 form people read and say: <c>943 476 5919</c>.</summary>
    public override string ToString() => Digits is null ? string.Empty : $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";
}
