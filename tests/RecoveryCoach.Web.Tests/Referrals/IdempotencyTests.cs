using System.Net;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>
/// A resubmission with the same Idempotency-Key never creates a second referral. Each test has its own factory, and so its own tables, because each counts what was stored.
/// </summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task Resubmitting_with_the_same_key_returns_the_same_referral_and_emails_once()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();

        var first = await (await client.SubmitAsync(SampleReferrals.Valid(), key)).JsonAsync();
        var second = await client.SubmitAsync(SampleReferrals.Valid(), key);

        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var again = await second.JsonAsync();
        again["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
        again["reference"]!.GetValue<string>().Should().Be(first["reference"]!.GetValue<string>());
        (await factory.Storage.CountReferralsAsync()).Should().Be(1);
        var mail = await MailDev.MessagesForAsync(first["reference"]!.GetValue<string>(), atLeast: 3);
        mail.Should().HaveCount(3, "the replay must not send the acknowledgements again");
    }

    [Fact]
    public async Task A_double_click_sending_the_same_key_at_once_creates_one_referral()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitAsync(SampleReferrals.Valid(), key)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Accepted);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync())["id"]!.GetValue<string>()));
        ids.Distinct().Should().ContainSingle();
        (await factory.Storage.CountReferralsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_key_reused_for_a_different_referral_is_422_and_stores_nothing_new()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient();
        var key = Guid.NewGuid().ToString();
        await client.SubmitAcceptedAsync(SampleReferrals.Valid());
        (await client.SubmitAsync(SampleReferrals.Valid(), key)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var response = await client.SubmitAsync(SampleReferrals.Valid("PE1 1AA"), key);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await factory.Storage.CountReferralsAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Without_a_key_each_submission_is_a_new_referral()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient();
        var first = await client.SubmitAcceptedAsync(SampleReferrals.Valid());
        var second = await client.SubmitAcceptedAsync(SampleReferrals.Valid());

        second["id"]!.GetValue<string>().Should().NotBe(first["id"]!.GetValue<string>());
        second["reference"]!.GetValue<string>().Should().NotBe(first["reference"]!.GetValue<string>());
    }
}
