using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Telemetry;

/// <summary>The real host, its telemetry caught in memory behind its own processors.</summary>
public sealed class TelemetryServiceFactory(CapturedTelemetry captured) : ReferralServiceFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(captured.AddExporters);
    }
}
