using System.Net;
using System.Text.RegularExpressions;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Signs a seeded member of staff in through the Development sign-in page, as a browser would.</summary>
public static partial class StaffSignIn
{
    public const string CambridgeCoach = "casey.coach@cpft.nhs.uk";
    public const string OtherCambridgeCoach = "robin.coach@cpft.nhs.uk";
    public const string HuntingdonCoach = "hana.coach@cpft.nhs.uk";
    public const string CambridgeLead = "lee.lead@cpft.nhs.uk";
    public const string Admin = "ada.admin@cpft.nhs.uk";

    /// <summary>A client with the sign-in cookie of <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this ReferralServiceFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClientWithoutRedirects();
        await client.SignInAsync(email);
        return client;
    }

    /// <summary>Signs <paramref name="email"/> in on <paramref name="client"/>; the answer carries the sign-in cookie.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token });
        var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), body);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{email} should be signed in");

        // As the service's own pages do: a signed-in write comes from this site.
        if (client.BaseAddress is { } site && !client.DefaultRequestHeaders.Contains("Origin"))
        {
            client.DefaultRequestHeaders.Add("Origin", site.GetLeftPart(UriPartial.Authority));
        }

        return response;
    }

    /// <summary>The sign-in cookie of <paramref name="email"/> on a Kestrel host, for a request written by hand.</summary>
    public static async Task<string> CookieAsync(this BrowserServiceFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var jar = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = factory.Address };
        await client.SignInAsync(email);
        return jar.GetCookieHeader(factory.Address);
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string TokenOf(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
