using System.ComponentModel.DataAnnotations;

namespace RecoveryCoach.Web.Hosting.RateLimits;

/// <summary>
/// How many referrals each caller may send a minute. Anyone may submit, so without these one
/// caller could have the service email whoever they chose, as often as they liked.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Referrals one client address may submit through <c>POST /api/referrals</c> in any minute.</summary>
    [Range(1, 1_000_000)]
    public int ReferralApiPerMinute { get; set; } = 10;

    /// <summary>Sends of the public referral form one client address may make in any minute; reading it is never limited.</summary>
    [Range(1, 1_000_000)]
    public int ReferralFormPerMinute { get; set; } = 10;

    /// <summary>Referrals one trusted system client (by its client id) may submit through the API in any minute.</summary>
    [Range(1, 1_000_000)]
    public int SystemClientPerMinute { get; set; } = 300;

    /// <summary>
    /// FHIR requests a minute from each record system, reads included, apart from its JSON API
    /// limit: a system polling a referral's Task must not starve its own referrals, nor others'.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FhirPerMinute { get; set; } = 120;
}
