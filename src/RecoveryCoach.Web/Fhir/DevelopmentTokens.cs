using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RecoveryCoach.Web.Fhir;

/// <summary>
/// Test tokens for the FHIR API, signed with <see cref="FhirClientOptions.DevelopmentSigningKey"/>
/// under an issuer of their own, so they can never pass for the identity provider's. Only a
/// host running in Development accepts them.
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "https://recoverycoach.invalid/development-tokens";

    public static SymmetricSecurityKey Key(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Fhir:DevelopmentSigningKey must be at least 32 bytes, in base64.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = "development" };
    }

    /// <summary>A token for <paramref name="clientId"/>, valid for an hour from <paramref name="now"/>.</summary>
    public static string Issue(string signingKey, string clientId, string audience, DateTimeOffset now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("azp", clientId), new Claim("sub", clientId)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(signingKey), SecurityAlgorithms.HmacSha256),
        });
}
