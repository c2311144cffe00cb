using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>The real host on Kestrel at a free loopback port, so a real browser can reach it; otherwise as <see cref="ReferralServiceFactory"/>.</summary>
public sealed class BrowserServiceFactory : ReferralServiceFactory
{
    public BrowserServiceFactory()
    {
        UseKestrel(0);
    }

    /// <summary>A plain client over the network to the Kestrel server, keeping cookies as a browser does.</summary>
    public override HttpClient CreateClientWithoutRedirects() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Address };

    /// <summary>Starts the server if it has not started, and gives its address.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }
}
