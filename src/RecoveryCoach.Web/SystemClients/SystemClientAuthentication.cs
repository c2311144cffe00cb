using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace RecoveryCoach.Web.SystemClients;

/// <summary>
/// Trusted system clients authenticate with a JWT bearer token from <see cref="SystemClientOptions.Authority"/>
/// carrying the <see cref="SubmitRole"/> app role. A request without an <c>Authorization</c>
/// header is an anonymous referrer, as before; one with a header that is not such a token is
/// refused (401, or 403 without the role), never treated as anonymous, so a client whose token
/// broke learns it at once. A system client's limit is its own, by client id.
/// </summary>
public static class SystemClientAuthentication
{
    public const string Scheme = "SystemClient";

    /// <summary>The app role a system client needs to submit referrals.</summary>
    public const string SubmitRole = "Referrals.Submit";

    /// <summary>Anonymous referrers, and system clients with <see cref="SubmitRole"/>.</summary>
    public const string SubmitterPolicy = "referral-submitter";

    public static WebApplicationBuilder AddSystemClients(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(SystemClientOptions.Section).Get<SystemClientOptions>() ?? new SystemClientOptions();
        builder.Services.Configure<SystemClientOptions>(builder.Configuration.GetSection(SystemClientOptions.Section));
        builder.Services.AddAuthentication().AddJwtBearer(Scheme, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.RoleClaimType = "roles";
            jwt.TokenValidationParameters.NameClaimType = "azp";
            if (string.IsNullOrWhiteSpace(settings.Authority))
            {
                jwt.Events = new JwtBearerEvents { OnMessageReceived = context => { context.Fail("No system client authority is configured."); return Task.CompletedTask; } };
                return;
            }

            jwt.Authority = settings.Authority;
            jwt.Audience = settings.Audience;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(SubmitterPolicy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAssertion(context => context.Resource is HttpContext http && !http.Request.Headers.ContainsKey("Authorization")
                || context.User.IsInRole(SubmitRole)));
        return builder;
    }

    /// <summary>The client id of a system client allowed to submit (<c>azp</c>, or <c>appid</c> in a v1 token); null for anyone else.</summary>
    public static string? ClientIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(SubmitRole)
            ? user.FindFirst("azp")?.Value ?? user.FindFirst("appid")?.Value ?? user.FindFirst("sub")?.Value ?? "unnamed"
            : null;
    }
}
