using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Web.Staff;

/// <summary>
/// How staff sign in: OpenID Connect with the trust's Entra ID or NHS CIS2. Outside Development
/// the issuer and client are required; in Development a page lets a developer pick a seeded
/// member of staff instead, and that page exists nowhere else.
/// </summary>
public sealed class StaffSignInOptions : IValidatableObject
{
    public const string Section = "StaffSignIn";

    /// <summary>The OpenID Connect issuer, such as <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>This service's client id at the issuer.</summary>
    public string? ClientId { get; set; }

    /// <summary>This service's client secret at the issuer; from a secret store, never from a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim that holds the role: <c>coach</c>, <c>team-lead</c> or <c>admin</c>.</summary>
    [Required]
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that holds the team code (<c>cambridge</c>, <c>huntingdon</c>, <c>peterborough-fenland</c>).</summary>
    [Required]
    public string TeamClaim { get; set; } = "team";

    /// <summary>The claim that holds the work email address staff are known by.</summary>
    [Required]
    public string EmailClaim { get; set; } = "preferred_username";

    /// <summary>Whether the host runs in Development, where the seeded sign-in replaces OpenID Connect.</summary>
    internal bool Development { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Development)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("StaffSignIn:Authority must be the https address of the OpenID Connect issuer.", [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("StaffSignIn:ClientId must be this service's client id at the issuer.", [nameof(ClientId)]);
        }
    }
}
