using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using RecoveryCoach.Web.SystemClients;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>
/// Trusted system clients submit with a JWT bearer token: signed by the configured authority,
/// for this service's audience, with the <c>Referrals.Submit</c> role; each has a limit of its own.
/// The authority's signing key is a test key, given to the host as its metadata would give it.
/// </summary>
public sealed class SystemClientTests
{
    private const string Authority = "https://login.example.nhs.uk/system-clients/v2.0";
    private const string Audience = "api://recovery-coach-referrals";
    private static readonly RsaSecurityKey AuthorityKey = new(RSA.Create(2048)) { KeyId = "authority" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "authority" };

    [Fact]
    public async Task A_token_the_authority_did_not_sign_or_no_token_at_all_behind_the_header_is_refused_with_401()
    {
        await using var factory = new SystemClientFactory();
        var client = factory.CreateClient();

        using var forged = await SubmitAsync(client, Token("fhir-intake", [SystemClientAuthentication.SubmitRole], OtherKey));
        using var garbage = await SubmitAsync(client, "not-a-token");
        using var otherAudience = await SubmitAsync(client, Token("fhir-intake", [SystemClientAuthentication.SubmitRole], audience: "api://another-service"));

        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        garbage.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        otherAudience.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        forged.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_token_without_the_submit_role_is_forbidden()
    {
        await using var factory = new SystemClientFactory();

        using var response = await SubmitAsync(factory.CreateClient(), Token("reporting-tool", ["Referrals.Read"]));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_system_client_with_the_role_submits_a_referral()
    {
        await using var factory = new SystemClientFactory();

        using var response = await SubmitAsync(factory.CreateClient(), Token("fhir-intake", [SystemClientAuthentication.SubmitRole]), SampleReferrals.Valid().ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_system_client_has_its_own_limit_apart_from_the_anonymous_one_of_its_address()
    {
        await using var factory = new SystemClientFactory
        {
            Settings = new Dictionary<string, string> { ["RateLimits:ReferralApiPerMinute"] = "2", ["RateLimits:SystemClientPerMinute"] = "3" },
        };
        var client = factory.CreateClient();
        var intake = Token("fhir-intake", [SystemClientAuthentication.SubmitRole]);
        var other = Token("gp-system", [SystemClientAuthentication.SubmitRole]);

        var anonymous = await StatusesAsync(client, null, 3);
        var first = await StatusesAsync(client, intake, 4);
        var second = await StatusesAsync(client, other, 1);

        anonymous.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        first.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        second.Should().Equal(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task With_no_authority_configured_every_token_is_refused()
    {
        await using var factory = new SystemClientFactory { Settings = new Dictionary<string, string> { ["SystemClients:Authority"] = "" } };

        using var response = await SubmitAsync(factory.CreateClient(), Token("fhir-intake", [SystemClientAuthentication.SubmitRole]));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string Token(string clientId, string[] roles, SecurityKey? key = null, string audience = Audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            // Valid on the host's fake clock and on the wall clock alike.
            IssuedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            NotBefore = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Expires = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Claims = new Dictionary<string, object> { ["azp"] = clientId, ["roles"] = roles },
            SigningCredentials = new SigningCredentials(key ?? AuthorityKey, SecurityAlgorithms.RsaSha256),
        });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? token, string body = "{}")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/referrals", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string? token, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await SubmitAsync(client, token);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>The host with the system clients' authority configured, its signing key the test's own.</summary>
    private sealed class SystemClientFactory : ReferralServiceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("SystemClients:Authority", Authority);
            builder.UseSetting("SystemClients:Audience", Audience);
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(SystemClientAuthentication.Scheme, jwt =>
            {
                var metadata = new OpenIdConnectConfiguration { Issuer = Authority };
                metadata.SigningKeys.Add(AuthorityKey);
                jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
            }));
        }
    }
}
