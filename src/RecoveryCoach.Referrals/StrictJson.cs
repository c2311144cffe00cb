using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryCoach.Referrals;

/// <summary>
/// How every referral body and task form from outside is read: exactly the names the API
/// documents, in their case, once each, and each value of its own JSON type. A number sent as
/// a string, a key given twice (where one copy could hide the other from a reviewer) or a name
/// in another case is refused, naming the field, rather than guessed at.
/// </summary>
public static class StrictJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
    };
}
