using Microsoft.AspNetCore.Hosting;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>The service as deployed: Production, with an OpenID Connect issuer configured (never contacted here).</summary>
public class ProductionServiceFactory : ReferralServiceFactory
{
    public bool WithIssuer { get; init; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        if (WithIssuer)
        {
            builder.UseSetting("StaffSignIn:Authority", "https://login.example.nhs.uk/tenant/v2.0");
            builder.UseSetting("StaffSignIn:ClientId", "recovery-coach");
        }

        // The deployment's own settings win over the issuer set here.
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
