using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>
/// Reads what reached the real SMTP server through maildev's REST API. Tests share the inbox, so
/// they find their messages by reference and never clear it.
/// </summary>
public static class MailDev
{
    private static readonly HttpClient Http = new() { BaseAddress = TestServers.MailApi };

    /// <summary>Every message the inbox holds, every test's.</summary>
    public static async Task<IReadOnlyList<MailDevMessage>> AllAsync() =>
        await Http.GetFromJsonAsync<List<MailDevMessage>>("/api/email") ?? [];

    /// <summary>Every message whose headers carry <paramref name="reference"/>, waiting briefly for at least <paramref name="atLeast"/>.</summary>
    public static async Task<IReadOnlyList<MailDevMessage>> MessagesForAsync(string reference, int atLeast = 1) =>
        await Eventually.UpToAsync(
            async () => (await Http.GetFromJsonAsync<List<MailDevMessage>>("/api/email") ?? []).Where(m => m.Header("x-referral-reference") == reference).ToList(),
            ours => ours.Count >= atLeast,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(200));
}

public sealed record MailDevMessage(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("to")] IReadOnlyList<MailDevAddress> To,
    [property: JsonPropertyName("headers")] Dictionary<string, JsonElement> Headers,
    [property: JsonPropertyName("text")] string Text)
{
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The service's key for the email within its referral, from the Message-Id <c>&lt;{referral}.{key}@recovery-coach&gt;</c>.</summary>
    public string Key => Header("message-id") is { } id && id.Trim('<', '>') is var bare && bare.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0
        ? bare[(dot + 1)..bare.LastIndexOf('@')]
        : string.Empty;

    public bool IsTo(string address) => To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase));
}

public sealed record MailDevAddress([property: JsonPropertyName("address")] string Address);
