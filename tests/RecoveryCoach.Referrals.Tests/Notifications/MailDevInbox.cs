using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryCoach.Referrals.Tests.Notifications;

/// <summary>
/// Reads what maildev received through its REST API. The inbox is shared by every test running
/// at the same time, so messages are found by their unique Message-Id and never deleted.
/// </summary>
internal static class MailDevInbox
{
    private static readonly HttpClient Http = new() { BaseAddress = TestServers.MailApi, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// The message with <paramref name="messageId"/>, or null if it has not arrived within
    /// <paramref name="timeout"/>. maildev stores a message just after its SMTP reply, so a
    /// message accepted a moment ago may take a few milliseconds to be listed.
    /// </summary>
    public static Task<MailDevMessage?> FindAsync(string messageId, TimeSpan timeout) =>
        Eventually.UpToAsync(
            async () => (await Http.GetFromJsonAsync<List<MailDevMessage>>(new Uri("/api/email", UriKind.Relative)) ?? [])
                .Find(m => m.Headers.TryGetValue("message-id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.Trim('<', '>') == messageId),
            found => found is not null,
            timeout,
            TimeSpan.FromMilliseconds(100));
}

internal sealed record MailDevMessage(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("from")] IReadOnlyList<MailDevAddress> From,
    [property: JsonPropertyName("to")] IReadOnlyList<MailDevAddress> To,
    [property: JsonPropertyName("headers")] Dictionary<string, JsonElement> Headers,
    [property: JsonPropertyName("text")] string? Text);

internal sealed record MailDevAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);
