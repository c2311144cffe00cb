using System.Net;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoveryCoach.Web.Hosting.DataProtection;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Hosting.DataProtection;

/// <summary>Sign-in cookies outlive the instance that issued them: the key ring is a blob in Azurite, shared by every instance.</summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private readonly string blobName = $"keys-{Guid.NewGuid():N}.xml";

    /// <summary>Instances of one deployment share the task hub, and with it the staff sessions.</summary>
    private readonly string taskHub = TestServers.NewTaskHub();
    private readonly StandInKeyVault vault = new();

    public void Dispose() => vault.Dispose();

    [Fact]
    public async Task A_sign_in_cookie_is_accepted_after_a_restart_and_by_another_instance_but_not_on_another_key_ring()
    {
        string cookie;
        await using (var first = new KeyRingFactory(blobName) { TaskHub = taskHub })
        {
            cookie = StaffCookieOf(await first.CreateClientWithoutRedirects().SignInAsync(StaffSignIn.CambridgeCoach));
        }

        await using var restarted = new KeyRingFactory(blobName) { TaskHub = taskHub };
        await using var another = new KeyRingFactory(blobName) { TaskHub = taskHub };
        await using var elsewhere = new KeyRingFactory($"other-{blobName}") { TaskHub = taskHub };

        (await TasksWithAsync(restarted, cookie)).Should().Be(HttpStatusCode.OK);
        (await TasksWithAsync(another, cookie)).Should().Be(HttpStatusCode.OK);
        (await TasksWithAsync(elsewhere, cookie)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task With_a_key_vault_key_the_stored_key_ring_holds_no_key_in_the_clear_and_still_serves_every_instance()
    {
        string cookie;
        await using (var first = new KeyRingFactory(blobName, vault) { TaskHub = taskHub })
        {
            cookie = StaffCookieOf(await first.CreateClientWithoutRedirects().SignInAsync(StaffSignIn.CambridgeCoach));
        }

        var stored = (await new BlobServiceClient(TestServers.StorageConnectionString)
            .GetBlobContainerClient(new DataProtectionOptions().ContainerName).GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToString();
        await using var restarted = new KeyRingFactory(blobName, vault) { TaskHub = taskHub };

        stored.Should().Contain("<key ").And.Contain(WrappedKeyXmlEncryptor.ElementName).And.NotContain("masterKey");
        (await TasksWithAsync(restarted, cookie)).Should().Be(HttpStatusCode.OK);
        vault.Requests.Should().Contain(r => r.Uri.AbsolutePath.EndsWith("/wrapkey", StringComparison.Ordinal))
            .And.Contain(r => r.Uri.AbsolutePath.EndsWith("/unwrapkey", StringComparison.Ordinal));
    }

    private static string StaffCookieOf(HttpResponseMessage signedIn) =>
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("recovery-coach-staff=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task<HttpStatusCode> TasksWithAsync(ReferralServiceFactory factory, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/tasks", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await factory.CreateClientWithoutRedirects().SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The service on a key ring of its own name, wrapped by the stand-in vault when one is given.</summary>
    private sealed class KeyRingFactory(string blobName, StandInKeyVault? vault = null) : ReferralServiceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:BlobName", blobName);
            if (vault is not null)
            {
                builder.UseSetting("DataProtection:KeyUri", StandInKeyVault.KeyUri);
                builder.ConfigureTestServices(services =>
                {
                    services.RemoveAll<KeyRingWrapping>();
                    services.AddSingleton(new KeyRingWrapping(new KeyVaultKeyWrapper(new Uri(StandInKeyVault.KeyUri), vault.Credential, vault.Transport)));
                });
            }
        }
    }
}
