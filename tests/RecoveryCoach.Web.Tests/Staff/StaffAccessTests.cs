using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>Who may reach what: staff sign in, see only their team's work, and only team leads answer triage.</summary>
public sealed class StaffAccessTests
{
    [Fact]
    public async Task A_coach_of_another_team_cannot_see_or_act_on_a_referral_or_its_tasks()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var task = await journey.TaskOfStageAsync("initial-conversation");
        using var huntingdon = await journey.Factory.SignedInAsync(StaffSignIn.HuntingdonCoach);

        var get = await huntingdon.GetAsync(new Uri($"/api/tasks/{task}", UriKind.Relative));
        var claim = await huntingdon.PostAsync(new Uri($"/api/tasks/{task}/claim", UriKind.Relative), null);
        var complete = await huntingdon.PostAsJsonAsync($"/api/tasks/{task}/complete", new JsonObject { ["outcome"] = Forms.CoachingIsRight(journey.Now) });
        var discharge = await huntingdon.PostAsJsonAsync($"/api/referrals/{journey.Id}/discharge", new JsonObject { ["dischargedOn"] = "2026-06-15" });
        var worklist = await huntingdon.GetAsync(new Uri("/api/tasks?team=cambridge", UriKind.Relative));
        var own = await huntingdon.GetFromJsonArrayAsync("/api/tasks");

        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        claim.StatusCode.Should().Be(HttpStatusCode.NotFound);
        complete.StatusCode.Should().Be(HttpStatusCode.NotFound);
        discharge.StatusCode.Should().Be(HttpStatusCode.NotFound);
        worklist.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        own.Should().NotContain(t => t!["id"]!.GetValue<string>() == task);
        (await journey.TasksAsync("open")).Should().ContainSingle().Which["assignee"].Should().BeNull("nothing changed");
    }

    [Fact]
    public async Task Staff_endpoints_need_a_signed_in_member_of_staff_but_referring_does_not()
    {
        await using var factory = new ReferralServiceFactory();
        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var tasks = await anonymous.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        var page = await anonymous.GetAsync(new Uri("/staff/tasks", UriKind.Relative));
        var refer = await anonymous.GetAsync(new Uri("/refer", UriKind.Relative));
        var submit = await anonymous.SubmitAsync(SampleReferrals.Valid());

        tasks.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().StartWith("http://localhost/account/sign-in");
        refer.StatusCode.Should().Be(HttpStatusCode.OK);
        submit.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Triage_is_for_team_leads_only()
    {
        await using var journey = await JourneyDriver.StartAsync(SampleReferrals.Valid(postcode: "SW1A 1AA"));
        var triage = await journey.TaskOfStageAsync("triage");

        var byCoach = await journey.TryCompleteAsync(triage, Forms.Triage("cambridge"), JourneyDriver.Coach);
        var byLead = await journey.TryCompleteAsync(triage, Forms.Triage("cambridge"), JourneyDriver.Lead);

        byCoach.StatusCode.Should().Be(HttpStatusCode.NotFound, "a coach does not see the triage list");
        byLead.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_development_sign_in_cannot_be_used_outside_development()
    {
        await using var factory = new ProductionServiceFactory();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = StaffSignIn.Admin });
        var posted = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), body);
        var tasks = await client.GetAsync(new Uri("/api/tasks", UriKind.Relative));

        posted.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        posted.Headers.Contains("Set-Cookie").Should().BeFalse("nobody is signed in");
        tasks.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Outside_development_the_service_will_not_start_without_an_openid_connect_issuer()
    {
        await using var factory = new ProductionServiceFactory { WithIssuer = false };

        var starting = () => factory.CreateClient();

        starting.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*StaffSignIn:Authority*");
    }
}
