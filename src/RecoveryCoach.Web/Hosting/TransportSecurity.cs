using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace RecoveryCoach.Web.Hosting;

/// <summary>
/// What the web app needs behind App Service's front end, which ends TLS and forwards plain
/// HTTP. The front end's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are trusted only
/// when <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> is true (the deployment sets it), so the rate
/// limits see each caller's own address and HSTS sees HTTPS; with <c>ForwardedHeaders:KnownNetworks</c>
/// set, only from a proxy in one of those networks. Only the last address the proxy added is
/// taken, so a caller cannot choose theirs by sending an <c>X-Forwarded-For</c> of their own.
/// Outside Development every cookie is Secure and browsers are told to use HTTPS only;
/// <c>AllowedHosts</c> names the app's host.
/// </summary>
internal static class TransportSecurity
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.Configure<CookiePolicyOptions>(cookies =>
        {
            cookies.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookies.HttpOnly = HttpOnlyPolicy.Always;
            cookies.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        var knownNetworks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            foreach (var network in knownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCookiePolicy();
        return app;
    }
}
