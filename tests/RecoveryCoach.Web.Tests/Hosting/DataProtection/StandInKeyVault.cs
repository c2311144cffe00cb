using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RecoveryCoach.Web.Tests.Hosting.DataProtection;

/// <summary>
/// Key Vault's wrapkey and unwrapkey answered in process with an RSA key of its own, since no
/// vault is reachable here: it lets the tests see the requests the service sends and keeps the
/// wrapping key out of the key ring, as a vault does.
/// </summary>
internal sealed class StandInKeyVault : HttpMessageHandler
{
    public const string KeyUri = "https://recovery-coach-test.vault.azure.net/keys/dataprotection";
    public const string KeyVersion = KeyUri + "/0123456789abcdef";
    public const string Token = "stand-in-token";

    private readonly RSA rsa = RSA.Create(2048);

    public List<(Uri Uri, string? Authorization, JsonObject Body)> Requests { get; } = [];

    public HttpPipelineTransport Transport => new HttpClientTransport(this);

    public TokenCredential Credential { get; } = DelegatedTokenCredential.Create((_, _) => new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1)));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    /// <summary>Key Vault's answer; the service's wrapper calls it synchronously, as data protection does.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content!.ReadFromJsonAsync<JsonObject>(cancellationToken).GetAwaiter().GetResult()!;
        lock (Requests)
        {
            Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        }

        var value = Base64Url.DecodeFromChars((string)body["value"]!);
        var path = request.RequestUri!.GetLeftPart(UriPartial.Path);
        byte[] answer;
        if (path == KeyUri + "/wrapkey")
        {
            answer = rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256);
        }
        else if (path == KeyVersion + "/unwrapkey")
        {
            answer = rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
        }
        else
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = JsonContent.Create(new JsonObject { ["kid"] = KeyVersion, ["value"] = Base64Url.EncodeToString(answer) }),
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
