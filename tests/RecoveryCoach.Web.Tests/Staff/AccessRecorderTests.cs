using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Referrals.Staff;
using RecoveryCoach.Referrals.Storage;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>
/// The access log as staff leave it and read it: a row for every kind of view and every accepted
/// change, views from outside the team flagged, and its pages open to team leads of the team and
/// admins only.
/// </summary>
public sealed class AccessRecorderTests
{
    [Fact]
    public async Task Every_kind_of_view_and_each_accepted_change_is_recorded_against_the_referral_and_none_on_the_timeline()
    {
        await using var journey = await JourneyDriver.StartAsync();
        var taskId = await journey.TaskOfStageAsync("initial-conversation");
        var coach = await journey.AsAsync(JourneyDriver.Coach);

        (await coach.GetAsync(Relative($"/staff/referrals/{journey.Id}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await coach.GetAsync(Relative($"/staff/tasks/{taskId}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await coach.GetAsync(Relative($"/api/referrals/{journey.Id}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await coach.GetAsync(Relative($"/api/tasks/{taskId}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await journey.AgreeAsync();
        (await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = "2026-06-15" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await journey.RequestAsync("discharge", new JsonObject { ["dischargedOn"] = "2999-01-01" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var log = await Log(journey).ForReferralAsync(journey.Id, CancellationToken.None);
        var coachs = log.Where(e => e.Who == JourneyDriver.Coach).ToList();
        coachs.Where(e => e.Action == AccessActions.Viewed).Select(e => e.Detail).Should()
            .Contain("referral page").And.Contain("task page: Contact the person and hold the initial conversation")
            .And.Contain("referral (API)").And.Contain("task (API): Contact the person and hold the initial conversation");
        coachs.Where(e => e.Action == AccessActions.Changed).Select(e => e.Detail).Should()
            .Contain("task completed").And.ContainSingle(d => d.StartsWith("discharge", StringComparison.Ordinal)).Which.Should().Be("discharge from the trust recorded: 2026-06-15");
        coachs.Should().OnlyContain(e => e.Role == StaffRole.Coach && e.Team == "cambridge" && e.Referral!.Reference == journey.Reference && e.Referral.Team == "cambridge" && !e.OutOfTeam && e.From.Length > 0);
        log.Select(e => e.At).Should().BeInDescendingOrder("the log reads newest first");
        var record = await journey.Factory.Services.GetRequiredService<ReferralStore>().GetAsync(journey.Id, CancellationToken.None);
        record!.Audit.Should().NotContain(a => a.Action == "viewed");
    }

    [Fact]
    public async Task An_admins_view_of_a_teams_referral_is_flagged_as_outside_their_team_and_the_teams_own_leads_is_not()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var admin = await journey.AsAsync(StaffSignIn.Admin);
        var lead = await journey.AsAsync(StaffSignIn.CambridgeLead);

        (await admin.GetAsync(Relative($"/staff/referrals/{journey.Id}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await lead.GetAsync(Relative($"/staff/referrals/{journey.Id}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await admin.GetStringAsync(Relative($"/staff/referrals/{journey.Id}/access"));

        var views = (await Log(journey).ForReferralAsync(journey.Id, CancellationToken.None)).Where(e => e.Detail == "referral page").ToList();
        views.Should().ContainSingle(e => e.Who == StaffSignIn.Admin).Which.OutOfTeam.Should().BeTrue();
        views.Should().ContainSingle(e => e.Who == StaffSignIn.CambridgeLead).Which.OutOfTeam.Should().BeFalse();
        page.Should().Contain("Outside their team").And.Contain(StaffSignIn.CambridgeLead).And.Contain("Team lead, Cambridge");
    }

    [Fact]
    public async Task A_referrals_access_log_is_for_its_teams_leads_and_admins_a_coach_is_refused_and_another_teams_lead_told_it_is_not_there()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var path = Relative($"/staff/referrals/{journey.Id}/access");

        var coach = await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetAsync(path);
        var otherLead = await (await journey.AsAsync("hari.lead@cpft.nhs.uk")).GetAsync(path);
        var lead = await (await journey.AsAsync(StaffSignIn.CambridgeLead)).GetAsync(path);
        var admin = await (await journey.AsAsync(StaffSignIn.Admin)).GetAsync(path);
        var leadsReferralPage = await (await journey.AsAsync(StaffSignIn.CambridgeLead)).GetStringAsync(Relative($"/staff/referrals/{journey.Id}"));
        var coachsReferralPage = await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetStringAsync(Relative($"/staff/referrals/{journey.Id}"));

        coach.StatusCode.Should().Be(HttpStatusCode.Redirect);
        coach.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/denied");
        otherLead.StatusCode.Should().Be(HttpStatusCode.NotFound);
        lead.StatusCode.Should().Be(HttpStatusCode.OK);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Content.ReadAsStringAsync()).Should().Contain(StaffSignIn.CambridgeLead, "the lead's reading of the log is itself in the log");
        leadsReferralPage.Should().Contain($"href=\"/staff/referrals/{journey.Id}/access\"");
        coachsReferralPage.Should().NotContain($"/staff/referrals/{journey.Id}/access");
    }

    [Fact]
    public async Task The_service_wide_log_is_for_admins_and_filters_by_member_of_staff()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        var admin = await journey.AsAsync(StaffSignIn.Admin);
        (await (await journey.AsAsync(StaffSignIn.CambridgeCoach)).GetAsync(Relative($"/staff/referrals/{journey.Id}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await journey.AsAsync(StaffSignIn.CambridgeLead)).GetAsync(Relative($"/staff/search?q={journey.Reference}"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var lead = await (await journey.AsAsync(StaffSignIn.CambridgeLead)).GetAsync(Relative("/staff/access-log"));
        var everyone = await admin.GetStringAsync(Relative("/staff/access-log"));
        var caseys = await admin.GetStringAsync(Relative($"/staff/access-log?who={Uri.EscapeDataString("Casey.Coach@cpft.nhs.uk")}"));
        var badDate = await admin.GetAsync(Relative("/staff/access-log?from=2026-02-30"));

        lead.StatusCode.Should().Be(HttpStatusCode.Redirect);
        lead.Headers.Location!.OriginalString.Should().StartWith("http://localhost/account/denied");
        everyone.Should().Contain(StaffSignIn.CambridgeCoach).And.Contain(StaffSignIn.CambridgeLead).And.Contain($"ref: {journey.Reference}").And.Contain($"href=\"/staff/referrals/{journey.Id}\"");
        caseys.Should().Contain(StaffSignIn.CambridgeCoach).And.Contain("referral page").And.NotContain(StaffSignIn.CambridgeLead).And.NotContain($"ref: {journey.Reference}");
        badDate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badDate.Content.ReadAsStringAsync()).Should().Contain("There is a problem").And.Contain("href=\"#from\"");
    }

    private static AccessLog Log(JourneyDriver journey) => journey.Factory.Services.GetRequiredService<AccessLog>();

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}
