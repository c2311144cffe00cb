using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Retention;

/// <summary>Referrals taken to the end of their journey, the shortest way: coaching is not right for now.</summary>
internal static class RetentionJourneys
{
    /// <summary>A referral closed at its initial conversation, its journey finished.</summary>
    public static async Task<JourneyDriver> ClosedAsync(ReferralServiceFactory factory, System.Text.Json.Nodes.JsonObject? referral = null, string? idempotencyKey = null)
    {
        var journey = await JourneyDriver.StartAsync(referral, factory, idempotencyKey);
        await journey.CompleteStageAsync("initial-conversation", Forms.NotRightNow(journey.Now));
        await journey.UntilAsync(s => s["status"]?.GetValue<string>() == "closed", "the referral should close");
        await journey.CompletionAsync();
        return journey;
    }
}
