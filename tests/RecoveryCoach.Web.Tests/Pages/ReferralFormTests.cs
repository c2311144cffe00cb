using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Pages;

/// <summary>The public referral form over HTTP, as a browser without JavaScript sends it.</summary>
public sealed partial class ReferralFormTests
{
    [Fact]
    public async Task A_form_with_errors_keeps_what_was_entered_and_links_each_error_to_its_field()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var (response, html) = await PostAsync(client, Valid() with { GivenName = "", BirthDay = "30", BirthMonth = "2", Consent = false });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("There is a problem")
            .And.Contain("href=\"#person-givenName\"")
            .And.Contain("href=\"#person-dateOfBirth-day\"")
            .And.Contain("href=\"#consent\"")
            .And.Contain("<title>Error: ");
        html.Should().Contain("value=\"Example\"", "the family name entered is kept");
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_good_form_sent_twice_makes_one_referral_and_shows_its_reference()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync(new Uri("/refer", UriKind.Relative));
        var key = IdempotencyKey().Match(form).Groups[1].Value;

        var (first, _) = await PostAsync(client, Valid() with { IdempotencyKey = key });
        var (second, _) = await PostAsync(client, Valid() with { IdempotencyKey = key });
        var confirmation = await client.GetStringAsync(first.Headers.Location);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.Headers.Location.Should().Be(first.Headers.Location, "a double click answers with the same referral");
        (await factory.Storage.CountReferralsAsync()).Should().Be(1);
        var reference = Reference().Match(confirmation).Groups[1].Value;
        reference.Should().MatchRegex("^RC-[A-Z0-9]{6}$");
        (await MailDev.MessagesForAsync(reference)).Should().Contain(m => m.IsTo("sam.coordinator@example.nhs.uk"));
    }

    [Fact]
    public async Task The_form_refuses_a_post_without_its_antiforgery_token()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var body = new FormUrlEncodedContent(Valid().Fields());
        var response = await client.PostAsync(new Uri("/refer", UriKind.Relative), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.Storage.CountReferralsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Sending_the_form_too_often_from_one_address_is_refused_for_a_while()
    {
        await using var factory = new LimitedFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await PostAsync(client, Valid() with { GivenName = "" })).Response.StatusCode);
        }

        var reading = await client.GetAsync(new Uri("/refer", UriKind.Relative));

        answers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        reading.StatusCode.Should().Be(HttpStatusCode.OK, "reading the form is never limited");
    }

    [Fact]
    public async Task The_forms_limit_slides_across_minutes_and_its_refusal_is_a_page_saying_when_to_come_back()
    {
        await using var factory = new LimitedFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var first = (await PostAsync(client, Valid() with { GivenName = "" })).Response.StatusCode;
        factory.Clock.Advance(TimeSpan.FromSeconds(40));
        var second = (await PostAsync(client, Valid() with { GivenName = "" })).Response.StatusCode;
        factory.Clock.Advance(TimeSpan.FromSeconds(21));
        var third = (await PostAsync(client, Valid() with { GivenName = "" })).Response.StatusCode;
        var (refused, page) = await PostAsync(client, Valid() with { GivenName = "" });

        new[] { first, second, third }.Should().AllBeEquivalentTo(HttpStatusCode.OK, "the first send left the window a minute after it came");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the send 21 seconds ago is still in the last minute");
        refused.Headers.GetValues("Retry-After").Should().Equal("39");
        page.Should().Contain("Too many referrals sent");
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        await using var factory = new ReferralServiceFactory();

        var response = await factory.CreateClient().GetAsync(new Uri("/refer", UriKind.Relative));

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
    }

    private static async Task<(HttpResponseMessage Response, string Html)> PostAsync(HttpClient client, FormAnswers answers)
    {
        var page = await client.GetStringAsync(new Uri("/refer", UriKind.Relative));
        var fields = answers.Fields();
        fields["__RequestVerificationToken"] = StaffSignIn.TokenOf(page);
        using var body = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(new Uri("/refer", UriKind.Relative), body);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static FormAnswers Valid() => new();

    [GeneratedRegex("name=\"Form.IdempotencyKey\" value=\"([0-9a-f]+)\"")]
    private static partial Regex IdempotencyKey();

    [GeneratedRegex("<strong id=\"reference\">(RC-[A-Z0-9]{6})</strong>")]
    private static partial Regex Reference();

    /// <summary>The form's answers: a care coordinator referring an eligible person in Cambridge.</summary>
    private sealed record FormAnswers(
        string GivenName = "Alex",
        string FamilyName = "Example",
        string BirthDay = "10",
        string BirthMonth = "3",
        string BirthYear = "1986",
        bool Consent = true,
        string? IdempotencyKey = null)
    {
        public Dictionary<string, string> Fields()
        {
            var fields = new Dictionary<string, string>
            {
                ["Form.GivenName"] = GivenName,
                ["Form.FamilyName"] = FamilyName,
                ["Form.BirthDay"] = BirthDay,
                ["Form.BirthMonth"] = BirthMonth,
                ["Form.BirthYear"] = BirthYear,
                ["Form.Email"] = "alex.example@example.com",
                ["Form.Postcode"] = "CB1 2AB",
                ["Form.Relationship"] = "care-coordinator",
                ["Form.ReferrerName"] = "Sam Coordinator",
                ["Form.ReferrerEmail"] = "sam.coordinator@example.nhs.uk",
                ["Form.InSecondaryMentalHealthServices"] = "yes",
                ["Form.ReadyToWorkTowardsDischarge"] = "yes",
                ["Form.StrugglingWithDischarge"] = "yes",
                ["Form.Reason"] = SampleReferrals.ReasonText,
            };
            if (Consent)
            {
                fields["Form.Consent"] = "true";
            }

            if (IdempotencyKey is not null)
            {
                fields["Form.IdempotencyKey"] = IdempotencyKey;
            }

            return fields;
        }
    }

    private sealed class LimitedFactory : ReferralServiceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:ReferralFormPerMinute", "2");
        }
    }
}
