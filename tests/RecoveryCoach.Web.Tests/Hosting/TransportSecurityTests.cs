using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Hosting;

/// <summary>Behind App Service's front end: forwarded addresses and HTTPS, Secure cookies, HSTS and the allowed host.</summary>
public sealed class TransportSecurityTests
{
    private const string Host = "recovery-coach.example.nhs.uk";
    private const string ForwardedHeaders = "FORWARDEDHEADERS_ENABLED";

    [Fact]
    public async Task Outside_development_every_cookie_is_secure_and_http_only()
    {
        await using var production = new ProductionServiceFactory();
        await using var development = new ReferralServiceFactory();

        var deployed = await production.CreateClient().GetAsync(new Uri("/refer", UriKind.Relative));
        var local = await development.CreateClient().GetAsync(new Uri("/refer", UriKind.Relative));

        deployed.Headers.GetValues("Set-Cookie").Should().NotBeEmpty().And.AllSatisfy(c => c.Should().Contain("secure").And.Contain("httponly"));
        local.Headers.GetValues("Set-Cookie").Should().NotBeEmpty().And.AllSatisfy(c => c.Should().NotContain("secure"), "a local run over plain HTTP keeps its cookies");
    }

    [Fact]
    public async Task Outside_development_https_forwarded_by_the_front_end_gets_hsts_for_a_year()
    {
        await using var production = new ProductionServiceFactory { Settings = new Dictionary<string, string> { [ForwardedHeaders] = "true" } };
        await using var development = new ReferralServiceFactory();

        var https = await SendAsync(production, proto: "https");
        var http = await SendAsync(production, proto: null);
        var local = await SendAsync(development, proto: "https");

        https.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000");
        http.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is sent only over HTTPS");
        local.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task With_forwarded_headers_trusted_the_referral_form_limit_counts_each_callers_own_address()
    {
        var limit = new Dictionary<string, string> { ["RateLimits:ReferralFormPerMinute"] = "2" };
        await using var behindFrontEnd = new ProductionServiceFactory { Settings = new Dictionary<string, string>(limit) { [ForwardedHeaders] = "true" } };
        await using var untrusted = new ProductionServiceFactory { Settings = limit };

        var trusted = await PostFormsAsync(behindFrontEnd);
        var notTrusted = await PostFormsAsync(untrusted);

        trusted.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        notTrusted.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_request_for_a_host_other_than_the_allowed_one_is_refused()
    {
        await using var factory = new ProductionServiceFactory { Settings = new Dictionary<string, string> { ["AllowedHosts"] = Host } };
        var client = factory.CreateClient();

        using var ours = new HttpRequestMessage(HttpMethod.Get, new Uri("/refer", UriKind.Relative)) { Headers = { Host = Host } };
        using var other = new HttpRequestMessage(HttpMethod.Get, new Uri("/refer", UriKind.Relative)) { Headers = { Host = "evil.example" } };

        (await client.SendAsync(ours)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(other)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<HttpResponseMessage> SendAsync(ReferralServiceFactory factory, string? proto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/refer", UriKind.Relative)) { Headers = { Host = Host } };
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>
    /// Two sends of the form, left empty, from one address, one more, then one from another
    /// address, each with the form's antiforgery token; over HTTPS, since outside Development its cookie is Secure.
    /// </summary>
    private static async Task<List<HttpStatusCode>> PostFormsAsync(ReferralServiceFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var token = StaffSignIn.TokenOf(await client.GetStringAsync(new Uri("/refer", UriKind.Relative)));
        var statuses = new List<HttpStatusCode>();
        foreach (var address in new[] { "203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/refer", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
