using System.Net.Mail;

namespace RecoveryCoach.Referrals;

/// <summary>Errors collected by field path (<c>person.dateOfBirth</c>), in the order found, for any form the service takes.</summary>
internal sealed class FieldErrors
{
    private const int MaxEmailLength = 254;

    private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public bool Any => byField.Count > 0;

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out var messages))
        {
            byField[field] = messages = [];
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() =>
        byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    public void RequireAnswer(bool? answer, string field, string message)
    {
        if (answer is null)
        {
            Add(field, message);
        }
    }

    public string? RequireText(string? text, string field, string missing, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(field, missing);
            return null;
        }

        return OptionalText(text, field, maxLength);
    }

    public string? OptionalText(string? text, string field, int maxLength)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"Must be {maxLength} characters or fewer");
            return null;
        }

        return trimmed;
    }

    public string? OptionalEmail(string? text, string field)
    {
        var trimmed = OptionalText(text, field, MaxEmailLength);
        if (trimmed is null)
        {
            return null;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var looksRight = MailAddress.TryCreate(trimmed, out var address)
            && string.Equals(address.Address, trimmed, StringComparison.Ordinal)
            && at > 0
            && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.');
        if (!looksRight)
        {
            Add(field, "Enter an email address in the correct format, like name@example.com");
            return null;
        }

        return trimmed;
    }

    public string? OptionalPhone(string? text, string field)
    {
        var trimmed = OptionalText(text, field, 30);
        if (trimmed is null)
        {
            return null;
        }

        var allowed = trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-');
        var digits = trimmed.Count(char.IsAsciiDigit);
        if (!allowed || digits < 10 || digits > 13 || trimmed.LastIndexOf('+') > 0)
        {
            Add(field, "Enter a phone number, like 01632 960 001 or 07700 900 982");
            return null;
        }

        return trimmed;
    }
}
