using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Web.Tests.Infrastructure;
using RecoveryCoach.Referrals.Rules.Live;

namespace RecoveryCoach.Web.Tests.Referrals;

public sealed class SubmitReferralTests(ReferralServiceFactory factory) : IClassFixture<ReferralServiceFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>A member of staff who may see every referral in full, as the tests here read them.</summary>
    private Task<HttpClient> StaffAsync() => factory.SignedInAsync(StaffSignIn.Admin);

    [Fact]
    public async Task The_status_link_comes_from_the_services_own_address_never_the_callers_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/referrals", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(SampleReferrals.Valid()),
            Headers = { Host = "evil.example" },
        };

        var response = await client.SendAsync(request);
        var accepted = await response.JsonAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be($"http://127.0.0.1:7071/api/referrals/{accepted["id"]!.GetValue<string>()}");
        accepted["statusQueryGetUri"]!.GetValue<string>().Should().Be(response.Headers.Location.ToString());
    }

    [Theory]
    [InlineData("cb1 2ab", "cambridge", "cambridge-team@recovery-coach.localhost")]
    [InlineData("PE29 3AA", "huntingdon", "huntingdon-team@recovery-coach.localhost")]
    [InlineData("PE13 1AB", "peterborough-fenland", "peterborough-fenland-team@recovery-coach.localhost")]
    public async Task An_eligible_referral_from_each_teams_area_is_stored_decided_allocated_and_acknowledged(string postcode, string team, string teamInbox)
    {
        var response = await client.SubmitAsync(SampleReferrals.Valid(postcode));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var accepted = await response.JsonAsync();
        var id = accepted["id"]!.GetValue<string>();
        var reference = accepted["reference"]!.GetValue<string>();
        reference.Should().MatchRegex("^RC-[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$");
        accepted["status"]!.GetValue<string>().Should().Be("received");
        response.Headers.Location.Should().Be(new Uri(accepted["statusQueryGetUri"]!.GetValue<string>()));

        var state = await (await StaffAsync()).DecidedReferralAsync(id, emails: 3);
        state["status"]!.GetValue<string>().Should().Be("allocated");
        state["reference"]!.GetValue<string>().Should().Be(reference);
        state["eligibility"]!["eligible"]!.GetValue<bool>().Should().BeTrue();
        state["eligibility"]!["criteria"]!.AsArray().Should().HaveCount(4).And.OnlyContain(c => c!["met"]!.GetValue<bool>());
        state["eligibility"]!["rulesetVersion"]!.GetValue<string>().Should().Be(factory.Services.GetRequiredService<RulesInForce>().Current.Version);
        state["allocation"]!["team"]!["code"]!.GetValue<string>().Should().Be(team);
        state["allocation"]!["rulesetVersion"]!.GetValue<string>().Should().Be(factory.Services.GetRequiredService<RulesInForce>().Current.Version);
        state["submittedAt"]!.GetValue<DateTimeOffset>().Should().Be(ReferralServiceFactory.ReferralDay);

        var stored = await factory.Storage.ReferralRowAsync(id);
        stored.Should().NotBeNull();
        stored!.GetString("FamilyName").Should().Be("Example");
        stored.GetString("Postcode").Should().Be(postcode.ToUpperInvariant());
        stored.GetString("NhsNumber").Should().Be("9434765919");
        stored.GetString("Reason").Should().Be(SampleReferrals.ReasonText);

        var mail = await MailDev.MessagesForAsync(reference, atLeast: 3);
        var acknowledgement = mail.Should().ContainSingle(m => m.IsTo("sam.coordinator@example.nhs.uk")).Subject;
        acknowledgement.Subject.Should().Contain(reference);
        acknowledgement.Text.Should().Contain(reference);
        mail.Should().ContainSingle(m => m.IsTo("alex.example@example.com"));
        mail.Should().ContainSingle(m => m.IsTo(teamInbox));
        mail.Should().AllSatisfy(m =>
        {
            m.Text.Should().NotContain(SampleReferrals.ReasonText);
            m.Text.Should().NotContain("Alex").And.NotContain("Example Surgery");
        });
        state["notifications"]!.AsArray().Should().HaveCount(3).And.OnlyContain(n => n!["status"]!.GetValue<string>() == "sent");
    }

    [Fact]
    public async Task An_ineligible_referral_lists_every_unmet_criterion_and_tells_the_referrer_why()
    {
        var referral = SampleReferrals.Valid(dateOfBirth: "2009-06-16").With(r => r["strugglingWithDischarge"] = false);

        var accepted = await client.SubmitAcceptedAsync(referral);

        var state = await (await StaffAsync()).DecidedReferralAsync(accepted["id"]!.GetValue<string>(), emails: 2);
        state["status"]!.GetValue<string>().Should().Be("ineligible");
        state["eligibility"]!["eligible"]!.GetValue<bool>().Should().BeFalse();
        var unmet = state["eligibility"]!["criteria"]!.AsArray().Where(c => !c!["met"]!.GetValue<bool>()).Select(c => c!["criterion"]!.GetValue<string>());
        unmet.Should().BeEquivalentTo("Aged 17 to 65", "Struggling with the discharge process");
        state["allocation"].Should().BeNull();

        var mail = await MailDev.MessagesForAsync(accepted["reference"]!.GetValue<string>(), atLeast: 2);
        var toReferrer = mail.Should().ContainSingle(m => m.IsTo("sam.coordinator@example.nhs.uk")).Subject;
        toReferrer.Text.Should().Contain("outside that age range").And.Contain("struggling with the discharge process");
        toReferrer.Text.Should().Contain(state["eligibility"]!["rulesetVersion"]!.GetValue<string>());
        mail.Should().NotContain(m => m.To.Any(t => t.Address.EndsWith("-team@recovery-coach.localhost", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_postcode_outside_the_rules_is_never_dropped_but_goes_to_triage()
    {
        var accepted = await client.SubmitAcceptedAsync(SampleReferrals.Valid("NR1 1AA"));

        var state = await (await StaffAsync()).DecidedReferralAsync(accepted["id"]!.GetValue<string>(), emails: 3);
        state["status"]!.GetValue<string>().Should().Be("awaiting-triage");
        state["allocation"]!["needsTriage"]!.GetValue<bool>().Should().BeTrue();
        state["allocation"]!["reason"]!.GetValue<string>().Should().Contain("NR1");
        var mail = await MailDev.MessagesForAsync(accepted["reference"]!.GetValue<string>(), atLeast: 3);
        mail.Should().ContainSingle(m => m.IsTo("team-leads@recovery-coach.localhost"));
    }

    [Fact]
    public async Task The_timeline_records_receipt_decisions_and_each_email()
    {
        var accepted = await client.SubmitAcceptedAsync(SampleReferrals.Valid());

        var state = await (await StaffAsync()).DecidedReferralAsync(accepted["id"]!.GetValue<string>(), emails: 3);

        var actions = state["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        actions.Should().StartWith(["received", "eligibility-decided", "allocated"]);
        actions.Count(a => a == "email-sent").Should().Be(3);
        state["timeline"]!.AsArray().Should().OnlyContain(e => !e!["detail"]!.GetValue<string>().Contains(SampleReferrals.ReasonText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_state_shows_no_personal_details_or_reason()
    {
        var accepted = await client.SubmitAcceptedAsync(SampleReferrals.Valid());
        await (await StaffAsync()).DecidedReferralAsync(accepted["id"]!.GetValue<string>(), emails: 3);

        var body = await client.GetStringAsync(new Uri($"/api/referrals/{accepted["id"]}", UriKind.Relative));

        body.Should().NotContain("Alex").And.NotContain("9434765919").And.NotContain(SampleReferrals.ReasonText).And.NotContain("example.com");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    public async Task An_unknown_id_is_404_with_problem_details(string id)
    {
        var response = await client.GetAsync(new Uri($"/api/referrals/{id}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
