using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>
/// The anonymous submission API's limit per client address: a sliding minute on the host's
/// clock, 429 with Retry-After and problem details, forwarded addresses only from the trusted front end.
/// Bodies are empty objects, refused with 400 after the limit has counted them, so nothing is stored or sent.
/// </summary>
public sealed class SubmissionRateLimitTests
{
    private const string ForwardedHeaders = "FORWARDEDHEADERS_ENABLED";

    [Fact]
    public async Task The_eleventh_submission_in_a_minute_from_one_address_is_refused_with_retry_after_and_problem_details()
    {
        await using var factory = new ReferralServiceFactory { Settings = Limit(10) };
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await SubmitAsync(client)).StatusCode);
        }

        using var refused = await SubmitAsync(client);
        var problem = await refused.JsonAsync();

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.GetValues("Retry-After").Should().Equal("60");
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem["status"]!.GetValue<int>().Should().Be(429);
        problem["detail"]!.GetValue<string>().Should().Contain("60 seconds");
    }

    [Fact]
    public async Task The_limit_slides_so_no_boundary_between_minutes_lets_twice_the_limit_through()
    {
        await using var factory = new ReferralServiceFactory { Settings = Limit(10) };
        var client = factory.CreateClient();

        var early = await SubmitManyAsync(client, 5);
        factory.Clock.Advance(TimeSpan.FromSeconds(40));
        var late = await SubmitManyAsync(client, 5);
        factory.Clock.Advance(TimeSpan.FromSeconds(21));
        var nextMinute = await SubmitManyAsync(client, 5);
        using var refused = await SubmitAsync(client);

        early.Concat(late).Concat(nextMinute).Should().AllBeEquivalentTo(HttpStatusCode.BadRequest, "the first five left the window a minute after they came");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the five sent 21 seconds ago are still in the last minute");
        refused.Headers.GetValues("Retry-After").Should().Equal("39");
    }

    [Fact]
    public async Task Behind_the_trusted_front_end_each_forwarded_client_has_its_own_limit_and_an_IPv6_client_is_counted_by_its_64()
    {
        await using var factory = new ProductionServiceFactory { Settings = new Dictionary<string, string>(Limit(2)) { [ForwardedHeaders] = "true" } };
        var client = factory.CreateClient();

        var statuses = await SubmitFromAsync(client, "203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2", "2001:db8:1:2::1", "2001:db8:1:2::ffff", "2001:db8:1:2::1234", "2001:db8:1:3::1");

        statuses.Should().Equal(
            HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests,
            HttpStatusCode.BadRequest,
            HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests,
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Where_forwarded_headers_are_not_trusted_a_callers_X_Forwarded_For_is_ignored()
    {
        await using var factory = new ProductionServiceFactory { Settings = Limit(2) };
        var client = factory.CreateClient();

        var statuses = await SubmitFromAsync(client, "203.0.113.1", "203.0.113.2", "203.0.113.3");

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task With_known_networks_set_forwarded_headers_are_honoured_only_from_a_proxy_in_them()
    {
        await using var factory = new ProductionServiceFactory
        {
            Settings = new Dictionary<string, string>(Limit(2)) { [ForwardedHeaders] = "true", ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" },
        };

        var unknownProxy = await SubmitThroughAsync(factory, "192.0.2.10", "203.0.113.1", "203.0.113.2", "203.0.113.3");
        var knownProxy = await SubmitThroughAsync(factory, "10.1.2.3", "203.0.113.1", "203.0.113.2", "203.0.113.3");

        unknownProxy.Should().Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], "what an unknown proxy forwards is not believed");
        knownProxy.Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
    }

    private static Dictionary<string, string> Limit(int perMinute) => new() { ["RateLimits:ReferralApiPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/referrals", UriKind.Relative)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }

    /// <summary>Submissions that reach the app from <paramref name="proxy"/>, each forwarding one of <paramref name="clients"/>.</summary>
    private static async Task<List<HttpStatusCode>> SubmitThroughAsync(ReferralServiceFactory factory, string proxy, params string[] clients)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var forwarded in clients)
        {
            var context = await factory.Server.SendAsync(request =>
            {
                request.Connection.RemoteIpAddress = IPAddress.Parse(proxy);
                request.Request.Method = HttpMethods.Post;
                request.Request.Path = "/api/referrals";
                request.Request.Headers["X-Forwarded-For"] = forwarded;
                request.Request.ContentType = "application/json";
                request.Request.Body = new MemoryStream("{}"u8.ToArray());
            });
            statuses.Add((HttpStatusCode)context.Response.StatusCode);
        }

        return statuses;
    }

    private static async Task<List<HttpStatusCode>> SubmitManyAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await SubmitAsync(client);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task<List<HttpStatusCode>> SubmitFromAsync(HttpClient client, params string[] addresses)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in addresses)
        {
            using var response = await SubmitAsync(client, address);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
