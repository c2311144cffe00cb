using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RecoveryCoach.Web.Hosting.DataProtection;

/// <summary>
/// Key Vault's wrapKey and unwrapKey operations (RSA-OAEP-256) over its REST API, signed in with
/// the app's managed identity, which needs the Key Vault Crypto User role on the key. The key
/// is named without a version, so a rotated key wraps new keys while old ones still unwrap
/// under the version that wrapped them.
/// </summary>
internal sealed class KeyVaultKeyWrapper : IKeyWrapper
{
    private const string Algorithm = "RSA-OAEP-256";
    private const string ApiVersion = "7.4";
    private const string Scope = "https://vault.azure.net/.default";

    private readonly Uri keyUri;
    private readonly HttpPipeline pipeline;

    /// <param name="keyUri">The key, <c>https://{vault}.vault.azure.net/keys/{name}</c>.</param>
    /// <param name="transport">Instead of the network, for tests.</param>
    public KeyVaultKeyWrapper(Uri keyUri, TokenCredential credential, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(keyUri);
        this.keyUri = keyUri;
        var options = new KeyVaultOptions();
        if (transport is not null)
        {
            options.Transport = transport;
        }

        pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    public WrappedKey Wrap(byte[] key)
    {
        var result = Send(keyUri.AbsoluteUri.TrimEnd('/'), "wrapkey", key);
        return new WrappedKey(result.KeyId ?? throw new InvalidOperationException("Key Vault wrapped the key without naming the key version."), Base64Url.DecodeFromChars(result.Value));
    }

    public byte[] Unwrap(WrappedKey wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        return Base64Url.DecodeFromChars(Send(wrapped.KeyId, "unwrapkey", wrapped.Value).Value);
    }

    private KeyOperationResult Send(string keyId, string operation, byte[] value)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri($"{keyId}/{operation}?api-version={ApiVersion}"));
        request.Headers.Add(HttpHeader.Common.JsonContentType);
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new KeyOperation(Algorithm, Base64Url.EncodeToString(value))));
        pipeline.Send(message, CancellationToken.None);
        var response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        return JsonSerializer.Deserialize<KeyOperationResult>(response.Content.ToMemory().Span)
            ?? throw new InvalidOperationException($"Key Vault answered {operation} with no body.");
    }

    private sealed record KeyOperation([property: JsonPropertyName("alg")] string Algorithm, [property: JsonPropertyName("value")] string Value);

    private sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? KeyId, [property: JsonPropertyName("value")] string Value);

    private sealed class KeyVaultOptions : ClientOptions;
}
