using System.Net;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>Nothing accepted is lost when mail or storage is down.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task With_the_smtp_server_down_the_referral_is_stored_and_the_failed_emails_show_on_its_state()
    {
        await using var factory = new ReferralServiceFactory { SmtpPort = TestServers.ClosedPort() };
        using var client = await factory.SignedInAsync(StaffSignIn.Admin);

        var response = await client.SubmitAsync(SampleReferrals.Valid());

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await response.JsonAsync())["id"]!.GetValue<string>();
        (await factory.Storage.ReferralRowAsync(id)).Should().NotBeNull();
        var state = await client.DecidedReferralAsync(id, emails: 3);
        state["status"]!.GetValue<string>().Should().Be("allocated");
        var notifications = state["notifications"]!.AsArray();
        notifications.Should().HaveCount(3);
        notifications.Should().OnlyContain(n => n!["status"]!.GetValue<string>() == "failed");
        notifications.Should().OnlyContain(n => n!["failure"]!.GetValue<string>().Contains("could not be reached", StringComparison.Ordinal));
        state["timeline"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "email-failed").Should().Be(3);
    }

    [Fact]
    public async Task With_storage_down_a_submission_is_refused_with_503_so_the_referrer_knows_to_retry()
    {
        var closed = TestServers.ClosedPort();
        await using var factory = new ReferralServiceFactory().WithWebHostBuilder(b => b.UseSetting(
            "AzureWebJobsStorage",
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;"));
        var client = factory.CreateClient();

        var response = await client.SubmitAsync(SampleReferrals.Valid());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter.Should().NotBeNull();
        (await response.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("Nothing was saved");
    }
}
