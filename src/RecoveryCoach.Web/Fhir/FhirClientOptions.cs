namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Which record systems may use the FHIR API, and who vouches for them: the trust's identity
/// provider issues each an OAuth 2.0 client-credentials token for this service's audience.
/// </summary>
public sealed class FhirClientOptions
{
    public const string Section = "Fhir";

    /// <summary>The token issuer, such as <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its signing keys come from its metadata. With none, only the Development key is accepted, and only in Development.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience a token must be issued for: this service's application id URI.</summary>
    public string Audience { get; set; } = "api://recovery-coach-fhir";

    /// <summary>The client ids (<c>azp</c>, or <c>appid</c> in a v1 token) of the record systems allowed to refer; any other valid token is forbidden.</summary>
    public IList<string> AllowedClients { get; } = [];

    /// <summary>
    /// A key (base64, at least 32 bytes) that signs test tokens, honoured only when the app runs
    /// in Development: a local record system, or a test, can refer without an identity provider.
    /// In any other environment it is ignored and its tokens are refused.
    /// </summary>
    public string? DevelopmentSigningKey { get; set; }
}
