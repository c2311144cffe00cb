using RecoveryCoach.Referrals;
using RecoveryCoach.Referrals.Rules;
using RecoveryCoach.Referrals.Submissions;

namespace RecoveryCoach.Web.Tests.Infrastructure;

/// <summary>Referrals at rest, as a journey leaves them, for tests that store them straight through the referral store.</summary>
public static class StoredReferrals
{
    /// <summary>A self-referral in Cambridge, allocated there, received at <paramref name="at"/>; change it with <c>with</c>.</summary>
    public static Referral Cambridge(DateTimeOffset at, string reference, string familyName = "Ollerenshaw")
    {
        UkPostcode.TryParse("CB1 2AB", out var postcode).Should().BeTrue();
        var details = new ReferralDetails(
            new PersonDetails("Marguerite", familyName, new DateOnly(1980, 2, 2), null, "marguerite@example.com", null, postcode!, null),
            new ReferrerDetails(ReferrerRelationship.Self, null, null, null, null),
            null,
            true,
            true,
            true,
            "Worried about the end of appointments.");
        return new Referral(Guid.NewGuid().ToString("N"), reference, ReferralStatus.Allocated, details, at, at, null, new AllocationDecision(Team.Cambridge, "Cambridge", "By postcode.", "v1"));
    }
}
