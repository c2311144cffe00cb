using System.Text.Json;

namespace RecoveryCoach.Referrals;

/// <summary>
/// Turns the error a strict JSON read raises into an error on the field it names
/// (<c>$.person.dateOfBirth</c> becomes <c>person.dateOfBirth</c>), so a form or API client
/// learns which field is wrong rather than that the body is.
/// </summary>
public static class JsonFieldError
{
    /// <param name="exception">What the read raised.</param>
    /// <param name="whole">What the JSON is, for the message: "request" or "form".</param>
    public static (string Field, string Message) From(JsonException exception, string whole)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = exception.Path?.TrimStart('$').TrimStart('.') is { Length: > 0 } path ? path : "body";
        var message = exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"This field is not part of the {whole}"
            : exception.Message.Contains("uplicate", StringComparison.Ordinal)
                ? "This field is given more than once"
                : "This field has the wrong type of value";
        return (field, message);
    }
}
