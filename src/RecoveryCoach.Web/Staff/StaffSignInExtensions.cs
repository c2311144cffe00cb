using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Web.Hosting;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// Staff sign in once and get a cookie of the service's own claims (<see cref="StaffClaims"/>):
/// from OpenID Connect in every environment but Development, where a page picks one of
/// <see cref="DevelopmentStaff"/> instead. Everything needs a member of staff unless it says
/// otherwise; the public referral form, its confirmation and static files do.
/// </summary>
public static class StaffSignInExtensions
{
    /// <summary>Any signed-in member of staff; what they may see is then decided by role and team.</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Admins only: the durable engine's management API.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Team leads and admins: the service's reports.</summary>
    public const string LeadsPolicy = "leads";

    public static WebApplicationBuilder AddStaffSignIn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<StaffSignInOptions>()
            .Bind(builder.Configuration.GetSection(StaffSignInOptions.Section))
            .Configure(o => o.Development = development)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var authentication = builder.Services
            // A page that needs sign-in sends the browser to the sign-in page, which hands over to
            // OpenID Connect outside Development; an API caller gets 401 and is never redirected.
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "recovery-coach-staff";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);

                // A session lasts eight hours of real time, whatever clock the journeys run on.
                options.TimeProvider = TimeProvider.System;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/denied";

                // An API caller gets a status code, not a sign-in page.
                options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            });
        StaffSessionStore.Use(builder.Services);
        builder.Services.AddSingleton<AccessRecorder>();
        if (!development)
        {
            authentication.AddOpenIdConnect();
            builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<StaffSignInOptions>>((oidc, staff) => ConfigureOpenIdConnect(oidc, staff.Value));
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAssertion(context => StaffClaims.MemberOf(context.User) is not null))
            .AddPolicy(AdminPolicy, policy => policy.RequireAssertion(context => StaffClaims.MemberOf(context.User)?.Role == StaffRole.Admin))
            .AddPolicy(LeadsPolicy, policy => policy.RequireAssertion(context => StaffClaims.MemberOf(context.User)?.LeadsTeams == true))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(context => StaffClaims.MemberOf(context.User) is not null).Build());
        return builder;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, StaffSignInOptions staff)
    {
        oidc.Authority = staff.Authority;
        oidc.ClientId = staff.ClientId;
        oidc.ClientSecret = staff.ClientSecret;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        oidc.SaveTokens = false;
        oidc.MapInboundClaims = false;
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" })
        {
            oidc.Scope.Add(scope);
        }

        oidc.Events.OnTokenValidated = context =>
        {
            // Keep only what the service needs, in its own shape; refuse anyone without a role and team.
            if (StaffClaims.FromIdentityProvider(context.Principal!, staff) is not { } member)
            {
                context.Fail("The sign-in gave no role and team this service knows.");
                return Task.CompletedTask;
            }

            context.Principal = new ClaimsPrincipal(StaffClaims.IdentityOf(member, OpenIdConnectDefaults.AuthenticationScheme));
            return Task.CompletedTask;
        };
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.IsApi())
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
