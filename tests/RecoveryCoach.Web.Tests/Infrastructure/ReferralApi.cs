using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Calls to the referral API as a client makes them.</summary>
public static class ReferralApi
{
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, JsonObject referral, string? idempotencyKey = null) =>
        client.SubmitRawAsync(referral.ToJsonString(), "application/json", idempotencyKey);

    public static Task<HttpResponseMessage> SubmitRawAsync(this HttpClient client, string body, string contentType, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Submits a referral that must be accepted, and returns the 202 body.</summary>
    public static async Task<JsonObject> SubmitAcceptedAsync(this HttpClient client, JsonObject referral, string? idempotencyKey = null)
    {
        var response = await client.SubmitAsync(referral, idempotencyKey);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>
    /// The referral's state once its journey has decided it and tried its emails: the journey
    /// runs a moment after the 202, so tests wait for it rather than race it.
    /// </summary>
    public static Task<JsonObject> DecidedReferralAsync(this HttpClient client, string id, int emails) =>
        Eventually.UntilAsync(
            () => client.GetReferralAsync(id),
            state => state["status"]!.GetValue<string>() != "received" && state["notifications"]!.AsArray().Count >= emails,
            $"referral {id} should be decided with {emails} emails tried",
            describe: state => state.ToJsonString());

    public static async Task<JsonObject> GetFromJsonObjectAsync(this HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonObject>(new Uri(url, UriKind.Relative)))!;

    public static async Task<JsonObject> ReadFromJsonObjectAsync(this HttpContent content) =>
        (await content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<JsonArray> GetFromJsonArrayAsync(this HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonArray>(new Uri(url, UriKind.Relative)))!;

    public static async Task<JsonObject> GetReferralAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync(new Uri($"/api/referrals/{id}", UriKind.Relative));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        return await response.JsonAsync();
    }
}
