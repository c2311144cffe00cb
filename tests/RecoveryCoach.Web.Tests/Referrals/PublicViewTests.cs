using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Referrals;

/// <summary>
/// The referral's link reaches people who may only know the person, so without sign-in (or
/// signed in to another team) it shows the reference, a coarse status and dates, and nothing
/// of risk, discharge, contact, goals or staff; the API and the status page alike.
/// </summary>
public sealed class PublicViewTests
{
    private static readonly string[] PublicFields = ["reference", "status", "submittedAt", "decidedAt", "closedAt"];

    private static readonly string[] NeverShown =
    [
        "risk", "discharg", "attempt", "goal", "timeline", "notification", "casey", "cpft", "coach@", "Pat Peer",
        "Alex", "alex.example", "9434765919", "943 476 5919", "Sam Coordinator", "Example Surgery", "CB1", SampleReferrals.ReasonText, Forms.CheckInNotes,
    ];

    [Fact]
    public async Task Through_a_journey_with_a_risk_concern_and_a_discharge_anyone_with_the_link_sees_only_the_reference_status_and_dates()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var received = await PublicAsync(journey);
        received["status"]!.GetValue<string>().Should().BeOneOf("received", "being-looked-at");

        await journey.StageAsync("initial-conversation");
        var lookedAt = await PublicAsync(journey, "being-looked-at");
        lookedAt["decidedAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay);
        lookedAt["closedAt"].Should().BeNull();

        await journey.AgreeAsync(weeks: 6);
        await PublicAsync(journey, "accepted");

        await journey.CheckInAsync(riskConcern: true, notes: Forms.CheckInNotes);
        await journey.MailKeyedAsync("risk-");
        await PublicAsync(journey, "accepted");

        var dischargedOn = DateOnly.FromDateTime(journey.Now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = dischargedOn })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await journey.MailKeyedAsync("discharged-care-coordinator");
        await PublicAsync(journey, "accepted");

        (await journey.RequestAsync("early-closure", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await journey.CompleteStageAsync("closure", Forms.Closure("ended-early"));
        await journey.CompletionAsync();
        var closed = await PublicAsync(journey, "closed");

        closed["reference"]!.GetValue<string>().Should().Be(journey.Reference);
        closed["submittedAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay);
        closed["closedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(journey.Now, TimeSpan.FromDays(1));
        var full = await journey.StateAsync();
        full["dischargedOn"]!.GetValue<string>().Should().Be(dischargedOn, "staff of the team still see everything");
        JourneyDriver.Actions(full).Should().Contain("discharged");
        full["notifications"]!.AsArray().Select(n => n!["key"]!.GetValue<string>()).Should().Contain(k => k.StartsWith("risk-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_who_may_see_the_referral_get_it_in_full_and_staff_of_another_team_get_the_public_view()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");

        var cambridge = await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetAsync(new Uri($"/api/referrals/{journey.Id}", UriKind.Relative));
        var huntingdon = await (await journey.AsAsync(StaffSignIn.HuntingdonCoach)).GetAsync(new Uri($"/api/referrals/{journey.Id}", UriKind.Relative));

        var full = await cambridge.JsonAsync();
        full["allocation"]!["team"]!["code"]!.GetValue<string>().Should().Be("cambridge");
        full["timeline"]!.AsArray().Should().NotBeEmpty();
        full["notifications"]!.AsArray().Should().NotBeEmpty();
        var other = await huntingdon.JsonAsync();
        other.Select(p => p.Key).Should().BeEquivalentTo(PublicFields);
        other["status"]!.GetValue<string>().Should().Be("being-looked-at");
        foreach (var answer in new[] { cambridge, huntingdon })
        {
            answer.Headers.CacheControl!.NoStore.Should().BeTrue();
            answer.Headers.Vary.Should().Contain("Cookie");
        }
    }

    [Fact]
    public async Task Emails_to_people_link_to_the_status_page_and_emails_to_staff_to_the_staff_referral_page()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        var checkIn = await journey.CheckInAsync(riskConcern: true);
        await journey.MailKeyedAsync($"risk-{checkIn}-care-coordinator");

        var mail = await journey.MailAsync(atLeast: 6);
        var statusPage = $"http://127.0.0.1:7071/referral/{journey.Id}";
        var staffPage = $"http://127.0.0.1:7071/staff/referrals/{journey.Id}";

        mail.Single(m => m.Key == "acknowledgement-referrer").Text.Should().Contain(statusPage);
        mail.Single(m => m.Key == "acknowledgement-person").Text.Should().Contain(statusPage);
        mail.Single(m => m.Key == $"risk-{checkIn}-care-coordinator").Text.Should().Contain(statusPage).And.NotContain("/staff/");
        mail.Single(m => m.Key == "team-notice").Text.Should().Contain(staffPage);
        mail.Single(m => m.Key == $"risk-{checkIn}-team-lead").Text.Should().Contain(staffPage).And.NotContain(statusPage);
        mail.Should().OnlyContain(m => !m.Text.Contains("/api/", StringComparison.Ordinal), "every link is to a page");
    }

    [Fact]
    public async Task The_status_page_of_an_unknown_referral_is_not_found()
    {
        await using var factory = new ReferralServiceFactory();
        var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/referral/0123456789abcdef0123456789abcdef", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The anonymous API answer and the status page, checked alike: exactly the public fields,
    /// nothing the link must not show, and never kept by a cache.
    /// </summary>
    private static async Task<JsonObject> PublicAsync(JourneyDriver journey, string? status = null)
    {
        // While the journey moves on, the API and the page are read until the API says the same
        // before and after the page, so both show the referral at one moment.
        var read = await Eventually.UntilAsync(
            async () =>
            {
                var before = await (await journey.Client.GetAsync(new Uri($"/api/referrals/{journey.Id}", UriKind.Relative))).Content.ReadAsStringAsync();
                var page = await journey.Client.GetAsync(new Uri($"/referral/{journey.Id}", UriKind.Relative));
                var api = await journey.Client.GetAsync(new Uri($"/api/referrals/{journey.Id}", UriKind.Relative));
                return (Api: api, Page: page, Body: await api.Content.ReadAsStringAsync(), Html: await page.Content.ReadAsStringAsync(), Before: before);
            },
            read => read.Before == read.Body,
            "the referral should hold still for one read of the API and the page");
        var (api, page, body, html) = (read.Api, read.Page, read.Body, read.Html);

        api.StatusCode.Should().Be(HttpStatusCode.OK);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = JsonNode.Parse(body)!.AsObject();
        view.Select(p => p.Key).Should().BeEquivalentTo(PublicFields, body);
        if (status is not null)
        {
            view["status"]!.GetValue<string>().Should().Be(status);
        }

        html.Should().Contain(journey.Reference).And.Contain($"id=\"status\">{StatusWords(view["status"]!.GetValue<string>())}<");
        foreach (var never in NeverShown)
        {
            body.Should().NotContainEquivalentOf(never);
            html.Should().NotContainEquivalentOf(never);
        }

        foreach (var answer in new[] { api, page })
        {
            answer.Headers.CacheControl!.NoStore.Should().BeTrue();
            answer.Headers.Vary.Should().Contain("Cookie");
        }

        return view;
    }

    private static string StatusWords(string status) => status switch
    {
        "received" => "Received",
        "being-looked-at" => "Being looked at",
        "accepted" => "Accepted",
        "not-accepted" => "Not accepted",
        _ => "Closed",
    };
}
