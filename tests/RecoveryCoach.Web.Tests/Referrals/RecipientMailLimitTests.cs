using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>
/// However many referrals name one address, it gets at most a few referral emails a day: the
/// referral is still stored and decided, the team is still told, and the email not sent is
/// recorded as withheld. Against Azurite and maildev.
/// </summary>
public sealed class RecipientMailLimitTests
{
    [Fact]
    public async Task The_sixth_acknowledgement_to_one_address_in_a_day_is_withheld_while_the_referral_is_stored_and_the_team_told()
    {
        await using var factory = new ReferralServiceFactory { Settings = new Dictionary<string, string> { ["Notifications:ReferralEmailsPerAddressPerDay"] = "5" } };
        var client = factory.CreateClient();
        var staff = await factory.SignedInAsync(StaffSignIn.Admin);
        var chosen = $"chosen.{Guid.NewGuid():N}@example.com";

        var decided = new List<JsonObject>();
        for (var i = 0; i < 6; i++)
        {
            var accepted = await client.SubmitAcceptedAsync(ReferralNamingOnly(chosen));
            decided.Add(await staff.DecidedReferralAsync(accepted["id"]!.GetValue<string>(), emails: 2));
        }

        var sixth = decided[^1];
        var reference = sixth["reference"]!.GetValue<string>();
        var mail = await MailDev.MessagesForAsync(reference);

        decided.Take(5).Should().AllSatisfy(state => Status(state, "acknowledgement-referrer").Should().Be("sent"));
        sixth["status"]!.GetValue<string>().Should().Be("allocated", "the referral is stored and carried on");
        Status(sixth, "acknowledgement-referrer").Should().Be("withheld");
        Status(sixth, "team-notice").Should().Be("sent");
        mail.Should().ContainSingle(m => m.Key == "team-notice");
        mail.Should().NotContain(m => m.IsTo(chosen));
        (await factory.Storage.CountReferralsAsync()).Should().Be(6);
    }

    /// <summary>A self-referral whose only address is <paramref name="address"/>: one acknowledgement and the team's notice.</summary>
    private static JsonObject ReferralNamingOnly(string address) => SampleReferrals.Valid().With(referral =>
    {
        referral["person"]!["email"] = address;
        referral["referrer"] = new JsonObject { ["relationship"] = "self" };
        referral.Remove("careCoordinator");
    });

    private static string? Status(JsonObject state, string key) =>
        state["notifications"]!.AsArray().SingleOrDefault(n => n!["key"]!.GetValue<string>() == key)?["status"]!.GetValue<string>();
}
