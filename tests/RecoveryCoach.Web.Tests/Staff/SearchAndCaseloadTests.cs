using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCoach.Referrals.Audit;
using RecoveryCoach.Web.Tests.Infrastructure;

namespace RecoveryCoach.Web.Tests.Staff;

/// <summary>
/// Search, the caseload list and the worklist as staff read them: a person found by every kind
/// of key their team may see and never by another team, each search in the access log, and the
/// person's name and stage beside every task.
/// </summary>
public sealed class SearchAndCaseloadTests
{
    [Theory]
    [InlineData("example alex")]
    [InlineData("ALE")]
    [InlineData("10/03/1986")]
    [InlineData("9434765919")]
    [InlineData("cb1 2ab")]
    [InlineData("Alex.Example@example.com")]
    [InlineData("+44 7700 900982")]
    public async Task A_coach_finds_their_teams_person_by_each_kind_of_key_and_another_team_never_does(string typed)
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);
        using var hana = await journey.AsAsync(StaffSignIn.HuntingdonCoach);

        var found = await casey.GetStringAsync(SearchFor(typed));
        var elsewhere = await hana.GetStringAsync(SearchFor(typed));

        found.Should().Contain("1 referral found").And.Contain($"href=\"/staff/referrals/{journey.Id}\"").And.Contain("Alex Example").And.Contain("10 March 1986").And.Contain("Waiting for first contact");
        elsewhere.Should().Contain("No referrals found").And.NotContain(journey.Id).And.NotContain("Alex Example");
    }

    [Fact]
    public async Task A_search_by_reference_is_recorded_in_the_access_log_with_who_what_and_what_it_showed()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);

        (await casey.GetStringAsync(SearchFor(journey.Reference.ToLowerInvariant()))).Should().Contain("1 referral found");

        var log = await journey.Factory.Services.GetRequiredService<AccessLog>().MonthAsync(journey.Now, CancellationToken.None);
        var entry = log.Should().ContainSingle(e => e.Action == AccessActions.Searched).Subject;
        entry.Who.Should().Be(StaffSignIn.CambridgeCoach);
        entry.Detail.Should().Be($"ref: {journey.Reference.ToLowerInvariant()}");
        entry.ReferralIds.Should().Equal(journey.Id);
        entry.Referral.Should().Be(new AccessedReferral(journey.Id, journey.Reference, "cambridge"), "a search that showed one person is about them");
        entry.OutOfTeam.Should().BeFalse();
        (await journey.Factory.Services.GetRequiredService<AccessLog>().ForReferralAsync(journey.Id, CancellationToken.None))
            .Should().Contain(e => e.Action == AccessActions.Searched && e.Who == StaffSignIn.CambridgeCoach);
    }

    [Fact]
    public async Task Words_too_short_to_search_for_are_told_and_nothing_is_searched()
    {
        await using var journey = await JourneyDriver.StartAsync();
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);

        var page = await casey.GetStringAsync(SearchFor("a"));

        page.Should().Contain("There is a problem").And.Contain("at least 2 letters");
        (await journey.Factory.Services.GetRequiredService<AccessLog>().MonthAsync(journey.Now, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_caseload_lists_the_teams_open_referrals_with_stage_coach_and_next_task_and_filters_by_stage()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.AgreeAsync(weeks: 6);
        await journey.StageAsync("check-in");
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);
        using var hana = await journey.AsAsync(StaffSignIn.HuntingdonCoach);

        var list = await casey.GetStringAsync(new Uri("/staff/caseload", UriKind.Relative));
        var coaching = await casey.GetStringAsync(new Uri("/staff/caseload?stage=Coaching", UriKind.Relative));
        var agreeing = await casey.GetStringAsync(new Uri("/staff/caseload?stage=Agreeing", UriKind.Relative));
        var otherTeam = await hana.GetStringAsync(new Uri("/staff/caseload", UriKind.Relative));

        list.Should().Contain("1 open referral.").And.Contain("Alex Example").And.Contain("Coaching, week 1 of 6").And.Contain(JourneyDriver.Coach).And.Contain("Check in");
        coaching.Should().Contain("Alex Example");
        agreeing.Should().Contain("No open referrals match.").And.NotContain("Alex Example");
        otherTeam.Should().Contain("No open referrals match.").And.NotContain("Alex Example");
    }

    [Fact]
    public async Task A_coach_may_not_choose_another_teams_caseload()
    {
        await using var journey = await JourneyDriver.StartAsync();
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);

        var answer = await casey.GetAsync(new Uri("/staff/caseload?team=huntingdon", UriKind.Relative));

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound, await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stage_that_does_not_exist_is_refused_naming_the_filter()
    {
        await using var journey = await JourneyDriver.StartAsync();
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);

        var answer = await casey.GetAsync(new Uri("/staff/caseload?stage=Sleeping", UriKind.Relative));

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("stage").And.NotContain("Sleeping");
    }

    [Fact]
    public async Task The_worklist_shows_the_persons_name_and_stage_beside_the_task_and_its_heading_once()
    {
        await using var journey = await JourneyDriver.StartAsync();
        await journey.StageAsync("initial-conversation");
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);

        var worklist = await casey.GetStringAsync(new Uri("/staff/tasks?view=team", UriKind.Relative));

        worklist.Should().Contain("Alex Example").And.Contain(journey.Reference).And.Contain("Waiting for first contact");
        System.Text.RegularExpressions.Regex.Count(worklist, "Team tasks").Should().Be(2, "the heading and the page title, and nowhere else");
    }

    [Fact]
    public async Task The_referral_page_says_who_referred_and_how_to_reach_them_before_anything_else()
    {
        var referral = SampleReferrals.Valid().With(r =>
        {
            r["referrer"]!["phone"] = "01632 960 555";
            r["careCoordinator"]!["phone"] = "01632 960 777";
        });
        await using var journey = await JourneyDriver.StartAsync(referral);
        await journey.StageAsync("initial-conversation");
        using var casey = await journey.AsAsync(StaffSignIn.CambridgeCoach);

        var page = await casey.GetStringAsync(new Uri($"/staff/referrals/{journey.Id}", UriKind.Relative));

        var top = page[page.IndexOf("id=\"referred-by\"", StringComparison.Ordinal)..page.IndexOf("<h2>The person</h2>", StringComparison.Ordinal)];
        top.Should().Contain("Sam Coordinator, their care coordinator")
            .And.Contain("Example Community Mental Health Team")
            .And.Contain("sam.coordinator@example.nhs.uk")
            .And.Contain("01632 960 555")
            .And.Contain("01632 960 777");
        page.IndexOf("Who referred", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("Date of birth", StringComparison.Ordinal));
    }

    private static Uri SearchFor(string typed) => new($"/staff/search?q={Uri.EscapeDataString(typed)}", UriKind.Relative);
}
