namespace RecoveryCoach.Web.SystemClients;

/// <summary>
/// The identity provider that vouches for trusted system clients, such as the FHIR intake,
/// which submit referrals with a bearer token instead of anonymously. With no authority, every
/// token is refused.
/// </summary>
public sealed class SystemClientOptions
{
    public const string Section = "SystemClients";

    /// <summary>The token issuer's address, such as <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its signing keys come from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience a token must be issued for: this service's application id URI.</summary>
    public string? Audience { get; set; }
}
