using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Sign-in for record systems: a bearer token from <see cref="FhirClientOptions.Authority"/>,
/// for <see cref="FhirClientOptions.Audience"/>, from one of <see cref="FhirClientOptions.AllowedClients"/>.
/// In Development, tokens signed with the development key are accepted instead; in any other
/// environment that key is never read. Every refusal is an <c>OperationOutcome</c>.
/// </summary>
public static class FhirClients
{
    public const string Scheme = "FhirClient";

    public const string Policy = "fhir-client";

    public static WebApplicationBuilder AddFhirClients(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(FhirClientOptions.Section);
        var settings = section.Get<FhirClientOptions>() ?? new FhirClientOptions();
        builder.Services.Configure<FhirClientOptions>(section);
        builder.Services.AddSingleton<FhirProfileCheck>();
        var development = builder.Environment.IsDevelopment() && !string.IsNullOrWhiteSpace(settings.DevelopmentSigningKey);
        builder.Services.AddAuthentication().AddJwtBearer(Scheme, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = "azp";
            jwt.TokenValidationParameters.AuthenticationType = Scheme;
            jwt.Events = new JwtBearerEvents { OnChallenge = ChallengeAsync, OnForbidden = ForbiddenAsync };
            if (development)
            {
                jwt.TokenValidationParameters.ValidIssuer = DevelopmentTokens.Issuer;
                jwt.TokenValidationParameters.ValidAudience = settings.Audience;
                jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentTokens.Key(settings.DevelopmentSigningKey!);
            }
            else if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                jwt.Authority = settings.Authority;
                jwt.Audience = settings.Audience;
            }
            else
            {
                jwt.Events.OnMessageReceived = context => { context.Fail("No FHIR client authority is configured."); return Task.CompletedTask; };
            }
        });
        var allowed = settings.AllowedClients.ToHashSet(StringComparer.Ordinal);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ClientIdOf(context.User) is { } client && allowed.Contains(client)));
        return builder;
    }

    /// <summary>The client id of a signed-in record system; null for anyone else.</summary>
    public static string? ClientIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme);
        return identity?.FindFirst("azp")?.Value ?? identity?.FindFirst("appid")?.Value;
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await FhirResult.Problem(StatusCodes.Status401Unauthorized, Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "Send a bearer token from the trust's identity provider for this service.")
            .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }

    private static Task ForbiddenAsync(ForbiddenContext context) =>
        FhirResult.Problem(StatusCodes.Status403Forbidden, Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden, "This system is not allowed to refer to the service.")
            .ExecuteAsync(context.HttpContext);
}
