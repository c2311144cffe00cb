using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RecoveryCoach.Benchmarks.Service;

/// <summary>
/// The service's public HTTP API, called as a referrer's system and a coach's browser call it:
/// no shortcuts into the process, so every figure includes the HTTP pipeline and sign-in.
/// </summary>
public sealed partial class ServiceApi : IDisposable
{
    /// <summary>A seeded Cambridge coach (<c>DevelopmentStaff</c>); the sample referral's postcode goes to Cambridge.</summary>
    public const string CambridgeCoach = "casey.coach@cpft.nhs.uk";

    /// <summary>A seeded admin, who may read every referral in full.</summary>
    public const string Admin = "ada.admin@cpft.nhs.uk";

    private readonly HttpClient http;

    public ServiceApi(Uri baseAddress)
    {
        // Every referral of a burst gets its own connection, as independent referrers would.
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>Submits a valid, eligible referral (Cambridge), as the tests' sample referral is.</summary>
    /// <returns>The referral's id.</returns>
    public Task<string> SubmitReferralAsync(CancellationToken cancellationToken) => SubmitReferralAsync(SampleReferrals.Valid(), cancellationToken);

    /// <summary>Submits <paramref name="referral"/>, which must be accepted (202).</summary>
    /// <returns>The referral's id.</returns>
    public async Task<string> SubmitReferralAsync(JsonObject referral, CancellationToken cancellationToken)
    {
        using var answer = await http.PostAsJsonAsync(new Uri("/api/referrals", UriKind.Relative), referral, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException(
                $"POST /api/referrals answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}", null, answer.StatusCode);
        }

        var body = await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
        return body!["id"]!.GetValue<string>();
    }

    /// <summary>
    /// Reads a page as a browser does, body and all, without following a redirect: a staff page
    /// that redirects has sent the session to sign in again, which the caller should see.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> GetPageAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>As <see cref="GetPageAsync"/>, with the answer's media type, so a caller can tell a page from an error body.</summary>
    public async Task<(HttpStatusCode Status, string? MediaType, string Body)> GetPageWithTypeAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return (answer.StatusCode, answer.Content.Headers.ContentType?.MediaType, await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Where a page sends the person asking, when it answers with a redirect; null when it answers itself.</summary>
    public async Task<Uri?> RedirectOfAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return (int)answer.StatusCode is >= 300 and < 400 ? answer.Headers.Location : null;
    }

    /// <summary>The referral's state as <c>GET /api/referrals/{id}</c> shows it: in full once signed in as staff who may see it.</summary>
    public async Task<JsonElement> GetReferralAsync(string id, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(new Uri($"/api/referrals/{id}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in through the Development sign-in page, antiforgery token and all, as a browser does.</summary>
    public async Task SignInAsync(string email, CancellationToken cancellationToken)
    {
        var page = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token });
        using var answer = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode != HttpStatusCode.Redirect)
        {
            throw new HttpRequestException($"Signing in as {email} answered {(int)answer.StatusCode}.");
        }

        // As the service's own pages do: a signed-in write comes from this site.
        if (http.BaseAddress is { } site && !http.DefaultRequestHeaders.Contains("Origin"))
        {
            http.DefaultRequestHeaders.Add("Origin", site.GetLeftPart(UriPartial.Authority));
        }
    }

    /// <summary>Completes the initial conversation with "coaching is right", so the journey goes on to the agreement.</summary>
    public async Task CompleteInitialConversationAsync(string taskId, CancellationToken cancellationToken)
    {
        var outcome = new JsonObject
        {
            ["outcome"] = new JsonObject
            {
                ["outcome"] = "coaching-is-right",
                ["attempts"] = new JsonArray(new JsonObject { ["at"] = DateTimeOffset.UtcNow, ["method"] = "phone", ["reached"] = true }),
            },
        };
        using var answer = await http.PostAsJsonAsync(new Uri($"/api/tasks/{taskId}/complete", UriKind.Relative), outcome, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"POST /api/tasks/{taskId}/complete answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
